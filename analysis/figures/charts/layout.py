"""Placing labels: keep a label inside the chart, and find a free spot for a block of labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def anchor_inside(x: float, text_w: float, width: float, margin: float = 4) -> tuple[str, float]:
    """(text-anchor, x) for a label centred on x, turned to start or end near an edge."""
    if x - text_w / 2 < margin:
        return "start", max(x - margin, margin)
    if x + text_w / 2 > width - margin:
        return "end", min(x + margin, width - margin)
    return "middle", x


@dataclass(frozen=True)
class Placement:
    box: Box
    anchor: str  # the text-anchor of the lines in the block
    leader: bool  # the block sits away from its mark and needs a leader line


@dataclass(frozen=True)
class Obstacles:
    """What a label block should avoid: `hard` (marks, placed labels) at almost any cost,
    `soft` (background text) when there is a choice; it must stay within `bounds`."""

    bounds: Box
    hard: Sequence[Box]
    placed: Sequence[Box]
    soft: Sequence[Box]

    def cost(self, box: Box) -> tuple[bool, float, bool] | None:
        if (
            box[0] < self.bounds[0]
            or box[2] > self.bounds[2]
            or box[1] < self.bounds[1]
            or box[3] > self.bounds[3]
        ):
            return None
        hard = sum(overlap(box, other) for other in self.placed)
        hard += sum(overlap(box, c) for c in self.hard)
        return hard > 0, hard, any(overlap(box, s) for s in self.soft)


def _candidates(x: float, y: float, gap: float, block_w: float, block_h: float, row: float):
    """(left, top, anchor, leader) in order of preference: beside, above or below the mark,
    then shifted a row at a time up and down on either side."""
    candidates = [
        (x + gap - 2, y - block_h / 2, "start", False),
        (x - gap - block_w + 2, y - block_h / 2, "end", False),
        (x - block_w / 2, y - gap - block_h + 2, "middle", False),
        (x - block_w / 2, y + gap - 2, "middle", False),
    ]
    for step in range(1, 9):
        for sign in (1, -1):
            y_top = y - block_h / 2 + sign * (step * row + (block_h - row) / 2)
            candidates.append((x + gap - 2, y_top, "start", True))
            candidates.append((x - gap - block_w + 2, y_top, "end", True))
    return candidates


def place_block(
    x: float,
    y: float,
    *,
    gap: float,
    size: tuple[float, float],
    row: float,
    avoid: Obstacles,
) -> Placement:
    """The best spot for a block of `size` (width, height) labelling the mark at (x, y)."""
    block_w, block_h = size
    best = None
    for index, (bx, by, anchor, leader) in enumerate(_candidates(x, y, gap, block_w, block_h, row)):
        box = (bx, by, bx + block_w, by + block_h)
        cost = avoid.cost(box)
        if cost is not None and (best is None or (*cost, index) < best[0]):
            best = ((*cost, index), Placement(box, anchor, leader))
    if best is None:  # the plot is too small for the block: put it on the right anyway
        box = (x + gap - 2, y - block_h / 2, x + gap + block_w, y + block_h / 2)
        return Placement(box, "start", False)
    return best[1]


def clear_of_line(pos: float, line: float, clearance: float, *, toward: int) -> float:
    """A mark's position along one axis, moved off a line it would cover.

    `pos` and `line` are pixels on the same axis; a mark closer than `clearance` (its radius
    plus a little) to the line moves to `clearance` from it on the side `toward` (+1 or -1),
    the side its value belongs to. Both the mark and the line then stay visible; a mark
    already clear of the line stays where it is.
    """
    if abs(pos - line) >= clearance:
        return pos
    return line + (1 if toward >= 0 else -1) * clearance
