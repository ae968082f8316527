// The browser side of prompt co-editing: a Jupiter/ot.js client around a <textarea>. Local keystrokes show
// at once; at most one edit is in flight to the server (through the Blazor circuit), later ones wait in a
// buffer; edits of others are transformed against both, so every copy converges on the server's text.
import * as ot from './prompt-ot.js';

function newId() {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function attach(textarea, dotnet, initial) {
  const author = initial.author;
  let revision = initial.revision;
  let inflight = null; // { editId, op }
  let buffer = null;
  // Whatever was typed between the textarea appearing and this script attaching is a local edit on top of
  // the room's text, not something to overwrite.
  const typedEarly = textarea.value;
  let lastValue = initial.text;
  textarea.value = initial.text;

  const send = (op) => {
    inflight = { editId: newId(), op };
    dotnet.invokeMethodAsync('SendEdit', inflight.editId, revision, op);
  };

  const onInput = () => {
    const op = ot.diff(lastValue, textarea.value);
    lastValue = textarea.value;
    if (op.every((s) => s.kind === ot.RETAIN)) return;
    if (!inflight) send(op);
    else buffer = buffer ? ot.compose(buffer, op) : op;
    dotnet.invokeMethodAsync('Typing');
  };
  textarea.addEventListener('input', onInput);
  if (typedEarly) {
    textarea.value = initial.text + typedEarly;
    onInput();
  }

  const applyRemote = (op) => {
    if (ot.baseLength(op) !== textarea.value.length) {
      dotnet.invokeMethodAsync('RequestResync');
      return;
    }
    const focused = document.activeElement === textarea;
    // Others' text typed at this person's caret goes after it; at the edges of a selection it stays outside it.
    const collapsed = textarea.selectionStart === textarea.selectionEnd;
    const start = ot.transformIndex(textarea.selectionStart, op, !collapsed);
    const end = collapsed ? start : ot.transformIndex(textarea.selectionEnd, op, false);
    textarea.value = ot.apply(op, textarea.value);
    lastValue = textarea.value;
    if (focused) textarea.setSelectionRange(Math.min(start, end), Math.max(start, end));
  };

  return {
    /** A broadcast edit, in revision order: our own acknowledges the in-flight one. */
    receive(applied) {
      if (applied.revision <= revision) return;
      if (inflight && applied.editId === inflight.editId) {
        revision = applied.revision;
        inflight = null;
        if (buffer) { const next = buffer; buffer = null; send(next); }
        return;
      }
      let op = applied.operation.steps;
      const first = ot.insertsFirst(author, applied.author);
      if (inflight) { const [a, b] = ot.transform(inflight.op, op, first); inflight.op = a; op = b; }
      if (buffer) { const [a, b] = ot.transform(buffer, op, first); buffer = a; op = b; }
      revision = applied.revision;
      applyRemote(op);
    },

    /** Starts over from the server's text (first load, a missed edit, or a refused one). */
    resync(snapshot) {
      revision = snapshot.revision;
      inflight = null;
      buffer = null;
      textarea.value = snapshot.text;
      lastValue = snapshot.text;
    },

    /** For tests: whether everything typed has been acknowledged. */
    isSettled() { return !inflight && !buffer; },

    dispose() { textarea.removeEventListener('input', onInput); },
  };
}
