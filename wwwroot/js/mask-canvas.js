// The mask canvas: draws everyone's strokes (brush in the author's colour, eraser clearing what came before)
// over the room's image, and turns this person's pointer drags into strokes sent through the Blazor circuit.
// Coordinates are image pixels; the canvas's own resolution is the image size, CSS scales it to fit.

const POINTER_INTERVAL_MS = 33; // ~30 Hz

export function attach(canvas, dotnet, options) {
  const ctx = canvas.getContext('2d');
  let strokes = [];        // { id, author, tool, size, points: [{x, y}] } as the room confirmed them
  let pending = new Map(); // this person's strokes sent but not yet echoed
  let hidden = new Set();
  let colors = options.colors || {};
  let canPaint = options.canPaint;
  let tool = 0; // MaskTool: 0 brush, 1 eraser
  let size = options.size || 8;
  let drawing = null;
  let lastPointerSent = 0;
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

  const redraw = () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (const s of strokes) {
      if (!hidden.has(s.author)) drawStroke(s, colors[s.author] || '#888');
    }
    for (const s of pending.values()) drawStroke(s, colors[options.me] || '#888');
    if (drawing && drawing.points.length) drawStroke(drawing, colors[options.me] || '#888');
  };

  const newId = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  const onDown = (event) => {
    if (!canPaint || event.button !== 0) return;
    canvas.setPointerCapture(event.pointerId);
    drawing = { id: newId(), author: options.me, tool, size, points: [toImage(event)] };
    redraw();
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
  };

  const onUp = () => {
    if (!drawing) return;
    const stroke = drawing;
    drawing = null;
    pending.set(stroke.id, stroke);
    redraw();
    dotnet.invokeMethodAsync('SendStroke', { id: stroke.id, author: options.me, tool: stroke.tool, size: stroke.size, points: stroke.points })
      .then((accepted) => { if (!accepted) { pending.delete(stroke.id); redraw(); } });
  };

  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerup', onUp);
  canvas.addEventListener('pointercancel', onUp);

  return {
    reset(all, width, height) {
      canvas.width = width; canvas.height = height;
      strokes = all; pending.clear(); redraw();
    },
    added(stroke) { pending.delete(stroke.id); strokes.push(stroke); redraw(); },
    removed(id) { strokes = strokes.filter((s) => s.id !== id); redraw(); },
    setLook(newColors, hiddenAuthors) { colors = newColors; hidden = new Set(hiddenAuthors); redraw(); },
    setTool(newTool, newSize, paint) { tool = newTool; size = newSize; canPaint = paint; },
    strokeCount() { return strokes.length; },
    dispose() {
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
    },
  };
}
