"""The colours and the font every chart and map shares.

Text is #212529 on white (15.4:1); secondary text #495057 (8.2:1). Lines and marks keep at least
3:1 against white (WCAG 1.4.11).
"""

FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"

TEXT = "#212529"
MUTED = "#495057"
AXIS = "#6c757d"
GRID = "#dee2e6"
WHITE = "#ffffff"
MAIN = "#154273"
BAR = "#6f94c8"
BAR_HIGHLIGHT = "#154273"

# (colour, dash pattern, marker shape) per benchmark: colour is never the only difference.
BENCHMARK_STYLES = (
    ("#c2410c", "6 3", "square"),
    ("#047857", "2 3", "diamond"),
    ("#7e22ce", "9 3 2 3", "triangle"),
)

# (colour, dash pattern, marker shape) per other area in a trend: the wijk's figures under its
# old or new codes after a herindeling, in greys (>= 3:1 on white) apart from the benchmarks.
OTHER_AREA_STYLES = (
    ("#5c636a", "5 3", "circle"),
    ("#495057", "2 3", "square"),
    ("#343a40", "9 3 2 3", "triangle"),
)
