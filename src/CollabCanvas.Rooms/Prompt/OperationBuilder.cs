namespace CollabCanvas.Rooms.Prompt;

/// <summary>
/// Builds a <see cref="TextOperation"/> in normal form. Transform and compose rely on that form: no empty
/// steps, no two adjacent steps of one kind, and an insert always before a delete at the same position, so
/// two operations that do the same thing have the same steps.
/// </summary>
internal sealed class OperationBuilder
{
    private readonly List<EditStep> _steps = [];

    public OperationBuilder Add(EditStep step) => step.Kind switch
    {
        EditKind.Retain => Retain(step.Count),
        EditKind.Insert => Insert(step.Text ?? ""),
        _ => Delete(step.Count),
    };

    public OperationBuilder Retain(int count)
    {
        if (count <= 0)
        {
            return this;
        }

        if (_steps.Count > 0 && _steps[^1].Kind == EditKind.Retain)
        {
            _steps[^1] = EditStep.Retain(_steps[^1].Count + count);
        }
        else
        {
            _steps.Add(EditStep.Retain(count));
        }

        return this;
    }

    public OperationBuilder Insert(string text)
    {
        if (text.Length == 0)
        {
            return this;
        }

        if (_steps.Count > 0 && _steps[^1].Kind == EditKind.Insert)
        {
            _steps[^1] = EditStep.Insert(_steps[^1].Text + text);
        }
        else if (_steps.Count > 0 && _steps[^1].Kind == EditKind.Delete)
        {
            // Insert-then-delete and delete-then-insert at one place mean the same; keep the insert first.
            if (_steps.Count > 1 && _steps[^2].Kind == EditKind.Insert)
            {
                _steps[^2] = EditStep.Insert(_steps[^2].Text + text);
            }
            else
            {
                _steps.Insert(_steps.Count - 1, EditStep.Insert(text));
            }
        }
        else
        {
            _steps.Add(EditStep.Insert(text));
        }

        return this;
    }

    public OperationBuilder Delete(int count)
    {
        if (count <= 0)
        {
            return this;
        }

        if (_steps.Count > 0 && _steps[^1].Kind == EditKind.Delete)
        {
            _steps[^1] = EditStep.Delete(_steps[^1].Count + count);
        }
        else
        {
            _steps.Add(EditStep.Delete(count));
        }

        return this;
    }

    public TextOperation Build() => new(_steps.ToArray());
}
