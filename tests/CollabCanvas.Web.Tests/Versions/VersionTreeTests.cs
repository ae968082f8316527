using CollabCanvas.Web.Versions;
using static CollabCanvas.Web.Tests.Versions.VersionSamples;

namespace CollabCanvas.Web.Tests.Versions;

public sealed class VersionTreeTests
{
    [Fact]
    public void Each_version_follows_its_parent_one_level_deeper_and_siblings_are_newest_first()
    {
        var root = Summary("root", 0);
        var other = Summary("other root", 10);
        var early = Summary("early child", 2, parent: root.Id);
        var late = Summary("late child", 6, parent: root.Id);
        var grandchild = Summary("grandchild", 3, parent: early.Id);

        var rows = VersionTree.Arrange([grandchild, root, late, other, early]);

        Assert.Equal(
            [("other root", 0), ("root", 0), ("late child", 1), ("early child", 1), ("grandchild", 2)],
            rows.Select(row => (row.Version.Title, row.Depth)));
        Assert.Equal(early.Id, rows.Single(row => row.Version == grandchild).Parent?.Id);
        Assert.Null(rows[0].Parent);
    }

    [Fact]
    public void A_version_whose_parent_is_not_listed_is_a_root_and_nothing_is_lost()
    {
        var orphan = Summary("orphan", 1, parent: Guid.NewGuid());
        var self = Summary("own parent", 2);
        self = self with { ParentVersionId = self.Id };
        var a = Summary("a", 3, id: Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var b = Summary("b", 4, parent: a.Id);
        a = a with { ParentVersionId = b.Id }; // a cycle the store never makes

        var rows = VersionTree.Arrange([orphan, self, a, b]);

        Assert.Equal(4, rows.Count);
        Assert.Equal(4, rows.Select(row => row.Version.Id).Distinct().Count());
        Assert.Equal(0, rows.Single(row => row.Version.Title == "orphan").Depth);
        Assert.Equal(0, rows.Single(row => row.Version.Title == "own parent").Depth);
        Assert.Equal(1, rows.Count(row => row.Version.Title is "a" or "b" && row.Depth == 0));
    }

    [Fact]
    public void A_long_chain_of_versions_does_not_exhaust_the_stack()
    {
        var chain = new List<VersionSummary> { Summary("0", 0) };
        for (var i = 1; i < 20_000; i++)
        {
            chain.Add(Summary(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i, parent: chain[^1].Id));
        }

        var rows = VersionTree.Arrange(chain);

        Assert.Equal(19_999, rows[^1].Depth);
    }
}
