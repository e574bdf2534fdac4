/** The layout of the relations diagram: collections as boxes on a grid, relation fields as arrows. */

export interface DiagramField {
  name: string;
  type: string;
  target?: string;
}
export interface Box {
  id: string;
  name: string;
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fields: DiagramField[];
  more: number;
}
export interface Arrow {
  from: string;
  field: string;
  to: string;
  path: string;
}

export const BOX_WIDTH = 220;
export const HEAD = 30;
export const ROW = 20;
const GAP_X = 90;
const GAP_Y = 50;
const MAX_ROWS = 12;

interface CollectionLike {
  id: string;
  name: string;
  type: string;
  fields?: { name?: unknown; type?: unknown; collectionId?: unknown }[];
}

/** Boxes in rows of `perRow`, each row as tall as its tallest box; arrows from a field's row to its target. */
export function layout(collections: readonly CollectionLike[], perRow: number): { boxes: Box[]; arrows: Arrow[]; width: number; height: number } {
  const boxes: Box[] = [];
  let y = 10;
  for (let start = 0; start < collections.length; start += perRow) {
    const row = collections.slice(start, start + perRow);
    let tallest = 0;
    row.forEach((c, i) => {
      const all = (c.fields ?? []).map((f) => ({
        name: String(f.name ?? ''),
        type: String(f.type ?? ''),
        target: f.type === 'relation' ? String(f.collectionId ?? '') : undefined,
      }));
      // relation fields first among the shown rows so that every arrow has a row to start from
      const ordered = [...all.filter((f) => f.target), ...all.filter((f) => !f.target)];
      const fields = ordered.slice(0, MAX_ROWS);
      const height = HEAD + fields.length * ROW + (all.length > MAX_ROWS ? ROW : 0) + 8;
      tallest = Math.max(tallest, height);
      boxes.push({ id: c.id, name: c.name, type: c.type, x: 10 + i * (BOX_WIDTH + GAP_X), y, width: BOX_WIDTH, height, fields, more: all.length - fields.length });
    });
    y += tallest + GAP_Y;
  }
  const byId = new Map(boxes.map((b) => [b.id, b]));
  const arrows: Arrow[] = [];
  for (const b of boxes) {
    b.fields.forEach((f, i) => {
      const target = f.target ? byId.get(f.target) : undefined;
      if (!target) return;
      const sx = b.x + b.width;
      const sy = b.y + HEAD + i * ROW + ROW / 2;
      let path: string;
      if (target === b) {
        path = `M${sx},${sy} C${sx + 50},${sy} ${sx + 50},${b.y + 12} ${sx},${b.y + 12}`;
      } else {
        const left = target.x >= sx;
        const tx = left ? target.x : target.x + target.width;
        const ty = target.y + HEAD / 2;
        const bend = Math.max(40, Math.abs(tx - sx) / 2);
        path = `M${sx},${sy} C${sx + bend},${sy} ${left ? tx - bend : tx + bend},${ty} ${tx},${ty}`;
      }
      arrows.push({ from: b.name, field: f.name, to: target.name, path });
    });
  }
  const width = Math.max(0, ...boxes.map((b) => b.x + b.width)) + 60;
  return { boxes, arrows, width, height: y };
}
