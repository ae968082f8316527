// The mask canvas: draws everyone's strokes (brush in the author's colour, eraser clearing what came before)
// over the room's image, and turns this person's pointer drags into strokes sent through the Blazor circuit.
// Coordinates are image pixels; the canvas's own resolution is the image size, CSS scales it to fit.

const POINTER_INTERVAL_MS = 33; // ~30 Hz
const PROGRESS_INTERVAL_MS = 33; // appended points of the stroke being drawn go out at most ~30 times a second
const PREVIEW_IDLE_MS = 10000;   // a remote preview that stops growing this long is dropped even if its end was missed

export function attach(canvas, dotnet, options) {
  const ctx = canvas.getContext('2d');
  let strokes = [];        // { id, author, tool, size, points: [{x, y}] } as the room confirmed them
  let pending = new Map(); // this person's strokes sent but not yet echoed
  let hidden = new Set();
  let colors = options.colors || {};
  let canPaint = options.canPaint;
  let tool = 0; // MaskTool: 0 brush, 1 eraser
  let size = options.size || 8;
  let drawing = null;      // this person's stroke under the pointer, plus how many of its points were streamed
  let lastPointerSent = 0;
  let lastProgressSent = 0;
  let progressTimer = null;
  const previews = new Map(); // others' strokes in progress: id -> { author, tool, size, points (by index), drawn, seen }
  const finished = new Set(); // ids committed or abandoned: late batches of them are ignored
  let idleSweep = null;
  canvas.width = options.width;
  canvas.height = options.height;

  const toImage = (event) => {
    const r = canvas.getBoundingClientRect();
    return {
      x: Math.min(canvas.width, Math.max(0, (event.clientX - r.left) * canvas.width / r.width)),
      y: Math.min(canvas.height, Math.max(0, (event.clientY - r.top) * canvas.height / r.height)),
    };
  };

  const drawStroke = (s, color) => {
    ctx.save();
    ctx.globalCompositeOperation = s.tool === 1 ? 'destination-out' : 'source-over';
    ctx.strokeStyle = ctx.fillStyle = color;
    ctx.lineWidth = s.size;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    const [first, ...rest] = s.points;
    if (rest.length === 0) {
      ctx.arc(first.x, first.y, s.size / 2, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.moveTo(first.x, first.y);
      for (const p of rest) ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
    ctx.restore();
  };

  // The points received so far without a gap (batches can arrive out of order).
  const contiguous = (p) => { let n = 0; while (n < p.points.length && p.points[n]) n++; return n; };

  const countPreviews = () => {
    let points = 0;
    for (const p of previews.values()) points += contiguous(p);
    canvas.dataset.remoteStrokes = String(previews.size);
    canvas.dataset.remotePoints = String(points);
  };

  const drawPreview = (p, from) => {
    const n = contiguous(p);
    if (n === 0 || hidden.has(p.author)) return;
    const start = Math.max(0, from - 1); // overlap one point so the new segment joins the drawn one
    drawStroke({ tool: p.tool, size: p.size, points: p.points.slice(start, n) }, colors[p.author] || '#888');
    p.drawn = n;
  };

  const redraw = () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const s of strokes) {
      if (!hidden.has(s.author)) drawStroke(s, colors[s.author] || '#888');
    }
    for (const p of previews.values()) drawPreview(p, 0);
    for (const s of pending.values()) drawStroke(s, colors[options.me] || '#888');
    if (drawing && drawing.points.length) drawStroke(drawing, colors[options.me] || '#888');
  };

  const newId = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  // Streams the points appended since the last batch; only new points travel, never the whole stroke.
  const sendProgress = () => {
    progressTimer = null;
    if (!drawing || !drawing.streaming || drawing.sent >= drawing.points.length) return;
    const stroke = drawing;
    const startIndex = stroke.sent;
    const points = stroke.points.slice(startIndex);
    stroke.sent = stroke.points.length;
    lastProgressSent = performance.now();
    dotnet.invokeMethodAsync('ExtendStroke', { strokeId: stroke.id, tool: stroke.tool, size: stroke.size, startIndex, points })
      .then((accepted) => { if (!accepted) stroke.streaming = false; }, () => { stroke.streaming = false; });
  };

  const scheduleProgress = () => {
    if (progressTimer !== null) return;
    progressTimer = setTimeout(sendProgress, Math.max(0, PROGRESS_INTERVAL_MS - (performance.now() - lastProgressSent)));
  };

  const onDown = (event) => {
    if (!canPaint || event.button !== 0) return;
    canvas.setPointerCapture(event.pointerId);
    drawing = { id: newId(), author: options.me, tool, size, points: [toImage(event)], sent: 0, streaming: true };
    redraw();
    scheduleProgress();
  };

  const onMove = (event) => {
    const p = toImage(event);
    const now = performance.now();
    if (now - lastPointerSent >= POINTER_INTERVAL_MS) {
      lastPointerSent = now;
      dotnet.invokeMethodAsync('MovePointer', p.x, p.y);
    }
    if (!drawing) return;
    const last = drawing.points[drawing.points.length - 1];
    if (Math.hypot(p.x - last.x, p.y - last.y) < 0.75 || drawing.points.length >= 10000) return;
    drawing.points.push(p);
    redraw();
    scheduleProgress();
  };

  const onUp = () => {
    if (!drawing) return;
    const stroke = drawing;
    drawing = null;
    clearTimeout(progressTimer);
    progressTimer = null; // the commit carries every point and replaces the preview everywhere
    pending.set(stroke.id, stroke);
    redraw();
    dotnet.invokeMethodAsync('SendStroke', { id: stroke.id, author: options.me, tool: stroke.tool, size: stroke.size, points: stroke.points })
      .then((accepted) => { if (!accepted) { pending.delete(stroke.id); redraw(); } });
  };

  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);

  const endPreview = (id) => {
    finished.add(id);
    if (finished.size > 512) finished.delete(finished.values().next().value);
    return previews.delete(id);
  };

  const sweepIdle = () => {
    const now = performance.now();
    let dropped = false;
    for (const [id, p] of previews) if (now - p.seen > PREVIEW_IDLE_MS) dropped = endPreview(id) || dropped;
    if (previews.size === 0) { clearInterval(idleSweep); idleSweep = null; }
    if (dropped) { countPreviews(); redraw(); }
  };

  return {
    reset(all, width, height) {
      canvas.width = width; canvas.height = height;
      strokes = all; pending.clear(); redraw();
    },
    /** Points someone appended to a stroke they are drawing: drawn in their colour, on their layer. */
    progress(author, batch) {
      const id = batch.strokeId;
      if (finished.has(id) || pending.has(id) || (drawing && drawing.id === id) || strokes.some((s) => s.id === id)) return;
      let p = previews.get(id);
      if (!p) {
        p = { author, tool: batch.tool, size: batch.size, points: [], drawn: 0, seen: 0 };
        previews.set(id, p);
        idleSweep ??= setInterval(sweepIdle, 2000);
      }
      p.seen = performance.now();
      batch.points.forEach((point, i) => { p.points[batch.startIndex + i] = point; });
      const from = p.drawn;
      if (batch.startIndex <= from) drawPreview(p, from); // extends what is drawn: paint just the new segment
      countPreviews();
    },
    abandoned(id) { if (endPreview(id)) { countPreviews(); redraw(); } },
    added(stroke) { pending.delete(stroke.id); endPreview(stroke.id); strokes.push(stroke); countPreviews(); redraw(); },
    removed(id) { strokes = strokes.filter((s) => s.id !== id); redraw(); },
    setLook(newColors, hiddenAuthors) { colors = newColors; hidden = new Set(hiddenAuthors); redraw(); },
    setTool(newTool, newSize, paint) { tool = newTool; size = newSize; canPaint = paint; },
    strokeCount() { return strokes.length; },
    dispose() {
      clearTimeout(progressTimer);
      clearInterval(idleSweep);
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
    },
  };
}
