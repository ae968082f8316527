namespace CollabCanvas.Web.Versions;

/// <summary>One row of the gallery's version tree.</summary>
/// <param name="Depth">0 for a version made from nothing saved here; its parent's depth + 1 otherwise.</param>
/// <param name="Parent">The version it was made from, when that version is in this room's list.</param>
public sealed record VersionTreeNode(VersionSummary Version, int Depth, VersionSummary? Parent);

/// <summary>
/// Orders a room's versions as a tree for the gallery: every version directly after its parent (and the parent's
/// other descendants), siblings newest first like the plain list. A version whose parent is not in the list (never
/// saved here, or an id from elsewhere) is a root rather than lost; a cycle, which the store never makes, cannot
/// hide versions either: whatever no root reaches is shown as a root.
/// </summary>
public static class VersionTree
{
    public static IReadOnlyList<VersionTreeNode> Arrange(IReadOnlyList<VersionSummary> versions)
    {
        var byId = new Dictionary<Guid, VersionSummary>();
        foreach (var version in versions)
        {
            byId.TryAdd(version.Id, version);
        }

        var children = byId.Values
            .Where(version => version.ParentVersionId is { } parent && parent != version.Id && byId.ContainsKey(parent))
            .GroupBy(version => version.ParentVersionId!.Value)
            .ToDictionary(group => group.Key, group => NewestFirst(group).ToList());
        var roots = byId.Values.Where(version => version.ParentVersionId is not { } parent || parent == version.Id || !byId.ContainsKey(parent));

        var rows = new List<VersionTreeNode>(byId.Count);
        var placed = new HashSet<Guid>();
        foreach (var root in NewestFirst(roots))
        {
            Place(root, 0, null);
        }

        // Only members of a parent cycle are left: show each as a root so nothing disappears.
        foreach (var stranded in NewestFirst(byId.Values.Where(version => !placed.Contains(version.Id))))
        {
            Place(stranded, 0, null);
        }

        return rows;

        void Place(VersionSummary version, int depth, VersionSummary? parent)
        {
            // Iterative depth-first walk: a long chain of restores must not overflow the stack.
            var stack = new Stack<VersionTreeNode>();
            stack.Push(new VersionTreeNode(version, depth, parent));
            while (stack.TryPop(out var node))
            {
                if (!placed.Add(node.Version.Id))
                {
                    continue;
                }

                rows.Add(node);
                if (children.TryGetValue(node.Version.Id, out var kids))
                {
                    // Pushed oldest first so the newest child is popped (shown) first.
                    for (var i = kids.Count - 1; i >= 0; i--)
                    {
                        stack.Push(new VersionTreeNode(kids[i], node.Depth + 1, node.Version));
                    }
                }
            }
        }
    }

    private static IEnumerable<VersionSummary> NewestFirst(IEnumerable<VersionSummary> versions) =>
        versions.OrderByDescending(version => version.CreatedAt).ThenBy(version => version.Id);
}
