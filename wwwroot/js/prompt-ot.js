// Operational transformation for the prompt, the JavaScript mirror of CollabCanvas.Rooms.Prompt
// (OperationBuilder, OperationTransform, CaretTransform). An operation is an array of steps
// { kind: 0 retain | 1 insert | 2 delete, count, text } covering the whole text, in UTF-16 code units.

export const RETAIN = 0;
export const INSERT = 1;
export const DELETE = 2;

/** Builds operations in normal form: merged neighbours, an insert before a delete at one place. */
export class Builder {
  constructor() { this.steps = []; }

  add(step) {
    if (step.kind === RETAIN) return this.retain(step.count);
    if (step.kind === INSERT) return this.insert(step.text ?? '');
    return this.delete(step.count);
  }

  retain(count) {
    if (count <= 0) return this;
    const last = this.steps[this.steps.length - 1];
    if (last && last.kind === RETAIN) last.count += count;
    else this.steps.push({ kind: RETAIN, count });
    return this;
  }

  insert(text) {
    if (!text) return this;
    const n = this.steps.length;
    const last = this.steps[n - 1];
    if (last && last.kind === INSERT) {
      last.text += text; last.count = last.text.length;
    } else if (last && last.kind === DELETE) {
      const before = this.steps[n - 2];
      if (before && before.kind === INSERT) { before.text += text; before.count = before.text.length; }
      else this.steps.splice(n - 1, 0, { kind: INSERT, count: text.length, text });
    } else {
      this.steps.push({ kind: INSERT, count: text.length, text });
    }
    return this;
  }

  delete(count) {
    if (count <= 0) return this;
    const last = this.steps[this.steps.length - 1];
    if (last && last.kind === DELETE) last.count += count;
    else this.steps.push({ kind: DELETE, count });
    return this;
  }

  build() { return this.steps; }
}

/** Walks an operation's steps, taking parts of them. */
class Cursor {
  constructor(steps) { this.steps = steps; this.index = 0; this.offset = 0; }
  get done() { return this.index >= this.steps.length; }
  get kind() { return this.steps[this.index].kind; }
  get remaining() { const s = this.steps[this.index]; return (s.kind === INSERT ? s.text.length : s.count) - this.offset; }
  take(count) {
    const s = this.steps[this.index];
    const text = s.kind === INSERT ? s.text.substring(this.offset, this.offset + count) : null;
    this.offset += count;
    if (this.offset >= (s.kind === INSERT ? s.text.length : s.count)) { this.index++; this.offset = 0; }
    return text;
  }
  takeAll() { return this.take(this.remaining); }
}

export const baseLength = (op) => op.reduce((n, s) => n + (s.kind === INSERT ? 0 : s.count), 0);

/** Applies an operation to a string. */
export function apply(op, text) {
  let out = '';
  let at = 0;
  for (const s of op) {
    if (s.kind === RETAIN) { out += text.substring(at, at + s.count); at += s.count; }
    else if (s.kind === INSERT) out += s.text;
    else at += s.count;
  }
  return out;
}

/** Transforms concurrent a and b (same base): returns [a', b'] with b∘a' = a∘b'. */
export function transform(a, b, aInsertsFirst) {
  const ap = new Builder();
  const bp = new Builder();
  const first = new Cursor(a);
  const second = new Cursor(b);
  while (!first.done || !second.done) {
    const firstInserts = !first.done && first.kind === INSERT;
    const secondInserts = !second.done && second.kind === INSERT;
    if (firstInserts && (aInsertsFirst || !secondInserts)) {
      const text = first.takeAll(); ap.insert(text); bp.retain(text.length); continue;
    }
    if (secondInserts) {
      const text = second.takeAll(); ap.retain(text.length); bp.insert(text); continue;
    }
    const count = Math.min(first.remaining, second.remaining);
    const fk = first.kind;
    const sk = second.kind;
    first.take(count); second.take(count);
    if (fk === RETAIN && sk === RETAIN) { ap.retain(count); bp.retain(count); }
    else if (fk === DELETE && sk === RETAIN) ap.delete(count);
    else if (fk === RETAIN && sk === DELETE) bp.delete(count);
  }
  return [ap.build(), bp.build()];
}

/** One operation doing first then second. */
export function compose(first, second) {
  const result = new Builder();
  const a = new Cursor(first);
  const b = new Cursor(second);
  while (!a.done || !b.done) {
    if (!a.done && a.kind === DELETE) { result.delete(a.remaining); a.take(a.remaining); continue; }
    if (!b.done && b.kind === INSERT) { result.insert(b.takeAll()); continue; }
    const count = Math.min(a.remaining, b.remaining);
    const ak = a.kind;
    const bk = b.kind;
    const inserted = a.take(count); b.take(count);
    if (ak === RETAIN && bk === RETAIN) result.retain(count);
    else if (ak === INSERT && bk === RETAIN) result.insert(inserted);
    else if (ak === RETAIN && bk === DELETE) result.delete(count);
  }
  return result.build();
}

/** Where index ends up after op; an insert exactly at the index goes before it unless stickToEnd. */
export function transformIndex(index, op, stickToEnd) {
  let at = 0;
  let result = index;
  for (const s of op) {
    if (s.kind === RETAIN) { at += s.count; }
    else if (s.kind === INSERT) {
      if (at < index || (at === index && stickToEnd)) result += s.text.length;
    } else {
      if (at < index) result -= Math.min(s.count, index - at);
      at += s.count;
    }
    if (at > index) break;
  }
  return result;
}

/** Server order of concurrent inserts: the smaller member id first (Guid order = lower-case string order). */
export const insertsFirst = (pendingAuthor, appliedAuthor) => pendingAuthor.toLowerCase() < appliedAuthor.toLowerCase();

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** The operation that turns before into after (one changed region), never splitting a surrogate pair. */
export function diff(before, after) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return new Builder()
    .retain(start)
    .delete(before.length - start - end)
    .insert(after.substring(start, after.length - end))
    .retain(end)
    .build();
}
