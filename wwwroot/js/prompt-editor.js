// The browser side of prompt co-editing: a Jupiter/ot.js client around a <textarea>. Local keystrokes show
// at once; at most one edit is in flight to the server (through the Blazor circuit), later ones wait in a
// buffer; edits of others are transformed against both, so every copy converges on the server's text.
import * as ot from './prompt-ot.js';

const CARET_INTERVAL_MS = 100; // this person's caret goes out at most 10 times a second
const LAYER_STYLE = ['boxSizing', 'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth', 'borderStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft', 'fontFamily', 'fontSize', 'fontWeight', 'fontStyle',
  'letterSpacing', 'lineHeight', 'textTransform', 'wordSpacing', 'textIndent', 'tabSize'];

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
  const layer = textarea.parentElement.querySelector('.cc-caret-layer');
  let remote = { revision: -1, carets: [] }; // others' carets, in the room's text at remote.revision
  let caretTimer = null;
  let lastCaretSent = 0;
  let sharedCaret = null;   // what the room last got from us: "revision:anchor:head", or null when not shared
  let caretWaiting = false; // moved while an edit was unconfirmed: sent once the room has it

  // Others' carets are positions in the room's text; ours has our unconfirmed typing on top, so move them through it.
  const toLocal = (index) => {
    let at = index;
    if (inflight) at = ot.transformIndex(at, inflight.op, false);
    if (buffer) at = ot.transformIndex(at, buffer, false);
    return Math.min(at, textarea.value.length);
  };

  const renderCarets = () => {
    if (!layer || remote.revision !== revision) return; // the carets wait for the edits they were moved through
    const text = textarea.value;
    const carets = remote.carets.map((c) => ({ ...c, anchor: toLocal(c.anchor), head: toLocal(c.head) }));
    const cuts = new Set([0, text.length]);
    for (const c of carets) { cuts.add(c.anchor); cuts.add(c.head); }
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    points.forEach((at, i) => {
      for (const c of carets.filter((k) => k.head === at)) {
        const bar = document.createElement('span');
        bar.className = 'cc-remote-caret';
        bar.dataset.testid = 'remote-caret';
        bar.dataset.member = c.member;
        bar.dataset.index = String(c.head);
        bar.title = c.name;
        bar.style.setProperty('--cc-member', c.color);
        const name = document.createElement('span');
        name.className = 'cc-remote-caret-name';
        name.textContent = c.name;
        bar.appendChild(name);
        fragment.appendChild(bar);
      }
      const next = points[i + 1];
      if (next === undefined) return;
      const piece = text.substring(at, next);
      const covering = carets.find((c) => Math.min(c.anchor, c.head) <= at && next <= Math.max(c.anchor, c.head));
      if (covering) {
        const tint = document.createElement('span');
        tint.className = 'cc-remote-selection';
        tint.style.setProperty('--cc-member', covering.color);
        tint.textContent = piece;
        fragment.appendChild(tint);
      } else {
        fragment.appendChild(document.createTextNode(piece));
      }
    });
    // The layer lays its text out exactly as the textarea does, so each mark lands on its character.
    const style = getComputedStyle(textarea);
    for (const name of LAYER_STYLE) layer.style[name] = style[name];
    layer.style.borderColor = 'transparent';
    layer.replaceChildren(fragment, document.createTextNode('\u200b'));
    layer.scrollTop = textarea.scrollTop;
    layer.dataset.carets = String(carets.length);
  };

  const sendCaret = () => {
    caretTimer = null;
    if (document.activeElement !== textarea || textarea.readOnly) return;
    if (inflight || buffer) { caretWaiting = true; return; }
    caretWaiting = false;
    const backward = textarea.selectionDirection === 'backward';
    const anchor = backward ? textarea.selectionEnd : textarea.selectionStart;
    const head = backward ? textarea.selectionStart : textarea.selectionEnd;
    const key = `${revision}:${anchor}:${head}`;
    if (key === sharedCaret) return;
    sharedCaret = key;
    lastCaretSent = performance.now();
    dotnet.invokeMethodAsync('MoveCaret', revision, anchor, head);
  };

  const scheduleCaret = () => {
    if (caretTimer !== null || textarea.readOnly) return;
    caretTimer = setTimeout(sendCaret, Math.max(0, CARET_INTERVAL_MS - (performance.now() - lastCaretSent)));
  };

  const onBlur = () => {
    clearTimeout(caretTimer);
    caretTimer = null;
    caretWaiting = false;
    if (sharedCaret !== null) { sharedCaret = null; dotnet.invokeMethodAsync('LeaveCaret', revision); }
  };

  const onScroll = () => { if (layer) layer.scrollTop = textarea.scrollTop; };
  const onSelectionChange = () => { if (document.activeElement === textarea) scheduleCaret(); };
  const caretEvents = ['focus', 'keyup', 'mouseup', 'select'];
  for (const name of caretEvents) textarea.addEventListener(name, scheduleCaret);
  textarea.addEventListener('blur', onBlur);
  textarea.addEventListener('scroll', onScroll);
  document.addEventListener('selectionchange', onSelectionChange);

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
    renderCarets();
    scheduleCaret();
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
    // The room moves our shared caret through this edit itself; only the revision it is stated in changed.
    if (sharedCaret !== null) sharedCaret = `${revision}:${textarea.selectionStart}:${textarea.selectionEnd}`;
  };

  return {
    /** A broadcast edit, in revision order: our own acknowledges the in-flight one. */
    receive(applied) {
      if (applied.revision <= revision) return;
      if (inflight && applied.editId === inflight.editId) {
        revision = applied.revision;
        inflight = null;
        if (buffer) { const next = buffer; buffer = null; send(next); }
        if (caretWaiting && !inflight) scheduleCaret();
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
      sharedCaret = null; // share it again in the new revision
      scheduleCaret();
    },

    /** Others' carets (room text at the given revision): drawn once this editor has seen that revision. */
    showCarets(atRevision, carets) {
      remote = { revision: atRevision, carets };
      renderCarets();
    },

    /** For tests: whether everything typed has been acknowledged. */
    isSettled() { return !inflight && !buffer; },

    dispose() {
      textarea.removeEventListener('input', onInput);
      for (const name of caretEvents) textarea.removeEventListener(name, scheduleCaret);
      textarea.removeEventListener('blur', onBlur);
      textarea.removeEventListener('scroll', onScroll);
      document.removeEventListener('selectionchange', onSelectionChange);
      clearTimeout(caretTimer);
    },
  };
}
