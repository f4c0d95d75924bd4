//! Bar charts of a series of figures drawn for people: as lines of Unicode
//! block characters for a terminal or a Markdown code block, or as an SVG
//! file.
//!
//! A chart is plain data ([`BarChart`], made by a report). Bar lengths come
//! from the figures' point values by integer arithmetic on decimals; the SVG
//! is drawn by `plotters` on integer coordinates (a value is counted in a
//! power of ten of its unit chosen so that the largest is at most a
//! million), so no figure passes through a binary float on its way to a
//! pixel count.

use std::fmt;

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::RangedCoordi64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::shown_line;
use crate::listing::Figure;
pub use crate::listing::chart::{Bar, BarChart, Change};
use crate::text;

/// Eighths of a character cell, from one eighth to seven.
const PARTIAL: [char; 7] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const FULL: char = '█';
/// Mark of a forward-looking milestone.
const TARGET_MARK: char = '◆';
/// Mark of a reported milestone.
const REPORTED_MARK: char = '●';
/// Width when nothing says otherwise, and the limits of any width.
const DEFAULT_WIDTH: usize = 80;
const MIN_WIDTH: usize = 40;
const MAX_WIDTH: usize = 400;
/// The fewest character cells a bar may have at full length.
const MIN_BAR_CELLS: usize = 10;

/// The width to draw at: the terminal's when writing to one, else a valid
/// `COLUMNS` setting, else 80; always within 40 to 400.
///
/// ```
/// use earnings::render::chart::width;
/// assert_eq!(width(Some(132), None), 132);
/// assert_eq!(width(None, Some("100")), 100);
/// assert_eq!(width(None, Some("wide")), 80);
/// assert_eq!(width(Some(10), None), 40);
/// ```
pub fn width(terminal: Option<usize>, columns: Option<&str>) -> usize {
    terminal
        .or_else(|| columns.and_then(|c| c.trim().parse().ok()))
        .unwrap_or(DEFAULT_WIDTH)
        .clamp(MIN_WIDTH, MAX_WIDTH)
}

/// The number of eighths of a cell a bar of `value` gets when `max` fills
/// `cells` cells: `⌊value × cells × 8 / max⌋`, none for a value at or below
/// zero, never more than `cells × 8`.
///
/// ```
/// use earnings::render::chart::eighths;
/// use rust_decimal::Decimal;
/// // 17.32 of 30 in 40 cells: 17.32 × 320 / 30 = 184.7, so 184 eighths (23 cells).
/// assert_eq!(eighths(Decimal::new(1732, 2), Decimal::new(30, 0), 40), 184);
/// assert_eq!(eighths(Decimal::new(30, 0), Decimal::new(30, 0), 40), 320);
/// assert_eq!(eighths(Decimal::new(-5, 0), Decimal::new(30, 0), 40), 0);
/// ```
pub fn eighths(value: Decimal, max: Decimal, cells: usize) -> u64 {
    let most = u64::try_from(cells).unwrap_or(u64::MAX).saturating_mul(8);
    if value <= Decimal::ZERO || max <= Decimal::ZERO {
        return 0;
    }
    Decimal::from(most)
        .checked_mul(value)
        .and_then(|scaled| scaled.checked_div(max))
        .and_then(|e| e.floor().to_u64())
        .map_or(most, |e| e.min(most))
}

/// A bar of `eighths` eighths of a cell: full blocks, then one partial block.
fn bar_text(eighths: u64) -> String {
    let full = usize::try_from(eighths / 8).unwrap_or(0);
    let mut text: String = std::iter::repeat_n(FULL, full).collect();
    let rest = usize::try_from(eighths % 8).unwrap_or(0);
    if let Some(partial) = rest.checked_sub(1).and_then(|i| PARTIAL.get(i)) {
        text.push(*partial);
    }
    text
}

fn value_text(bar: &Bar, precision: Option<u32>) -> String {
    let mut text = text::figure_or_not_meaningful(bar.value.as_ref(), precision);
    if let Some(change) = &bar.change {
        text.push_str(" YoY ");
        match &change.value {
            Some(f) if f.value.point() > Decimal::ZERO => {
                text.push('+');
                text::push_figure(&mut text, f, precision);
            }
            Some(f) => text::push_figure(&mut text, f, precision),
            None => text.push_str(text::NOT_MEANINGFUL),
        }
    }
    text
}

fn milestone_text(bar: &Bar) -> String {
    match (&bar.milestone, bar.forward_looking) {
        (Some(m), Some(status)) => format!("{TARGET_MARK} {} ({status})", shown_line(m)),
        (Some(m), None) => format!("{REPORTED_MARK} {}", shown_line(m)),
        (None, Some(status)) => format!("{TARGET_MARK} {status}"),
        (None, None) => String::new(),
    }
}

/// The largest point value or finite upper end, if any is above zero: the
/// length of a full bar.
fn largest(bars: &[Bar]) -> Option<Decimal> {
    bars.iter()
        .filter_map(|b| b.value.as_ref())
        .flat_map(|f| [Some(f.value.point()), f.value.high().value()])
        .flatten()
        .filter(|v| *v > Decimal::ZERO)
        .max()
}

/// Within an interval, below the point (a bar's part the figure may not reach).
const BELOW_POINT: char = '▓';
/// Above the point to the upper end, and the upper end.
const WHISKER: char = '─';
const WHISKER_END: char = '┤';
/// No upper end (`more than`).
const OPEN_END: char = '→';

/// A bar of a figure with its bound: full blocks to its low end, shaded
/// blocks from there to its point (ending in a partial block), then a
/// whisker to its high end (`─┤`), or `→` where it has none.
fn bar_with_bound(figure: &Figure, max: Decimal, cells: usize) -> String {
    let value = &figure.value;
    let length = eighths(value.point(), max, cells);
    let mut bar = bar_text(length);
    // An interval narrower than a cell shows as the bar alone.
    let span = match (value.low().value(), value.high().value()) {
        (Some(low), Some(high)) => high.checked_sub(low).map(|s| eighths(s, max, cells)),
        _ => None,
    };
    if span.is_some_and(|s| s < 8) {
        return bar;
    }
    let cells_of = |d: Decimal| usize::try_from(eighths(d, max, cells) / 8).unwrap_or(0);
    if let Some(low) = value.low().value() {
        let from = cells_of(low);
        bar = bar
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i >= from && c == FULL {
                    BELOW_POINT
                } else {
                    c
                }
            })
            .collect();
    }
    let used = bar.chars().count();
    match value.high().value() {
        None if !value.is_exact() => bar.push(OPEN_END),
        Some(high) => {
            let to = usize::try_from(eighths(high, max, cells).div_ceil(8)).unwrap_or(0);
            if to > used {
                bar.extend(std::iter::repeat_n(
                    WHISKER,
                    to.saturating_sub(used).saturating_sub(1),
                ));
                bar.push(WHISKER_END);
            }
        }
        None => {}
    }
    bar
}

/// The chart as lines of text at most `width` characters wide (where the
/// labels allow): a title, one line per bar (label, mark, bar with its
/// bound, value and change), and a legend.
pub fn text(chart: &BarChart, width: usize, precision: Option<u32>) -> Vec<String> {
    let labels: Vec<String> = chart
        .bars
        .iter()
        .map(|b| shown_line(&b.label).into_owned())
        .collect();
    let marks: Vec<String> = chart.bars.iter().map(milestone_text).collect();
    let values: Vec<String> = chart
        .bars
        .iter()
        .map(|b| value_text(b, precision))
        .collect();
    let widest = |texts: &[String]| texts.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let (label_w, mark_w, value_w) = (widest(&labels), widest(&marks), widest(&values));
    // Two leading spaces, then label, mark, bar and value, one space apart;
    // a bar's last cell is kept for the end of its whisker.
    let fixed = [2, label_w, 1, mark_w, 1, 1, value_w]
        .into_iter()
        .fold(0_usize, usize::saturating_add);
    let cells = width.saturating_sub(fixed).max(MIN_BAR_CELLS);
    let max = largest(&chart.bars).unwrap_or(Decimal::ONE);
    let mut lines = vec![format!(
        "{} ({})",
        shown_line(&chart.title),
        shown_line(&chart.unit)
    )];
    for (((bar, label), mark), value) in chart.bars.iter().zip(&labels).zip(&marks).zip(&values) {
        let drawn = bar.value.as_ref().map_or_else(String::new, |f| {
            bar_with_bound(f, max, cells.saturating_sub(1))
        });
        lines.push(format!(
            "  {label:<label_w$} {mark:<mark_w$} {drawn:<cells$} {value:>value_w$}"
        ));
    }
    let legend = legend(chart, &lines);
    if !legend.is_empty() {
        lines.push(format!("  {}", legend.join("   ")));
    }
    lines
}

/// The legend's entries for what the lines drawn use.
fn legend(chart: &BarChart, lines: &[String]) -> Vec<String> {
    let mut legend = Vec::new();
    let any = |test: &dyn Fn(&Bar) -> bool| chart.bars.iter().any(test);
    if any(&|b| b.milestone.is_some() && b.forward_looking.is_some()) {
        legend.push(format!("{TARGET_MARK} forward-looking milestone"));
    }
    if any(&|b| b.milestone.is_some() && b.forward_looking.is_none()) {
        legend.push(format!("{REPORTED_MARK} reported milestone"));
    }
    if any(&|b| b.milestone.is_none() && b.forward_looking.is_some()) {
        legend.push(format!("{TARGET_MARK} forward-looking"));
    }
    let drawn = |c: char| lines.iter().skip(1).any(|l| l.contains(c));
    if drawn(BELOW_POINT) {
        legend.push(format!("{BELOW_POINT} low end to value"));
    }
    if drawn(WHISKER_END) {
        legend.push(format!("{WHISKER}{WHISKER_END} to high end"));
    }
    if drawn(OPEN_END) {
        legend.push(format!("{OPEN_END} no upper bound"));
    }
    legend
}

/// Why an SVG could not be drawn.
#[derive(Debug)]
pub struct ChartError(String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot draw the chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

fn drawing<E: std::error::Error + Send + Sync>(error: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError(error.to_string())
}

/// What a bar stands for, which sets its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BarKind {
    Path,
    ForwardLooking,
    Reported,
}

impl BarKind {
    fn of(bar: &Bar) -> BarKind {
        match (&bar.milestone, bar.forward_looking) {
            (None, None) => BarKind::Path,
            (_, Some(_)) => BarKind::ForwardLooking,
            (Some(_), None) => BarKind::Reported,
        }
    }
}

/// SVG canvas width, and height of each chart on it.
const SVG_WIDTH: u32 = 1200;
const SVG_HEIGHT: u32 = 600;
/// Bars beyond this many get no value label in an SVG (there is no room).
const MAX_VALUE_LABELS: usize = 16;
/// A value scale divides values until the largest is at most this many units.
const GRID_STEPS: i64 = 1_000_000;
const PATH_COLOUR: RGBColor = RGBColor(70, 130, 180);
const TARGET_COLOUR: RGBColor = RGBColor(230, 126, 34);
const REPORTED_COLOUR: RGBColor = RGBColor(31, 78, 121);
const BOUND_COLOUR: RGBColor = RGBColor(90, 90, 90);

/// Integer chart coordinates for decimal values: a value `v` is
/// `round(v / 10^exponent)`.
#[derive(Clone, Copy, Debug)]
struct Grid {
    exponent: i32,
}

impl Grid {
    /// The finest power of ten at which `largest` (an absolute value) is at
    /// most [`GRID_STEPS`] units.
    fn for_largest(largest: Decimal) -> Grid {
        let limit = Decimal::from(GRID_STEPS);
        let exponent = (-12..=28)
            .find(|&e| {
                crate::value::pow10(e)
                    .and_then(|unit| largest.checked_div(unit))
                    .is_some_and(|steps| steps <= limit)
            })
            .unwrap_or(28);
        Grid { exponent }
    }

    fn unit(self) -> Decimal {
        crate::value::pow10(self.exponent).unwrap_or(Decimal::ONE)
    }

    fn coordinate(self, value: Decimal) -> i64 {
        value
            .checked_div(self.unit())
            .and_then(|v| v.round().to_i64())
            .unwrap_or(0)
            .clamp(-GRID_STEPS, GRID_STEPS)
    }

    fn label(self, coordinate: i64) -> String {
        let value = Decimal::from(coordinate)
            .checked_mul(self.unit())
            .unwrap_or_default()
            .normalize();
        text::decimal(
            value,
            value.scale(),
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        )
    }
}

/// The charts drawn one above the other as an SVG document.
pub fn svg(charts: &[BarChart], precision: Option<u32>) -> Result<String, ChartError> {
    let mut document = String::new();
    let count = u32::try_from(charts.len().max(1)).unwrap_or(1);
    {
        let height = SVG_HEIGHT.saturating_mul(count);
        let root = SVGBackend::with_string(&mut document, (SVG_WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let areas = root.split_evenly((charts.len().max(1), 1));
        for (area, chart) in areas.iter().zip(charts) {
            draw(area, chart, precision)?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(document)
}

/// Text safe in an SVG document: XML 1.0 allows no control characters.
fn clean_svg(text: &str) -> String {
    shown_line(text).into_owned()
}

/// The coordinates of a chart: a segment per bar across, grid units up.
type Coordinates = Cartesian2d<SegmentedCoord<RangedCoordi64>, RangedCoordi64>;

/// A chart being drawn on an SVG drawing area.
type Context<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Coordinates>;

/// Where a chart's values sit: each bar's point, the grid that counts them
/// in integers, and the lowest and highest coordinates the axis shows.
struct Frame {
    points: Vec<Option<Decimal>>,
    grid: Grid,
    low: i64,
    high: i64,
}

impl Frame {
    fn of(chart: &BarChart) -> Frame {
        let points: Vec<Option<Decimal>> = chart
            .bars
            .iter()
            .map(|b| b.value.as_ref().map(|f| f.value.point()))
            .collect();
        // Finite bounds count too, so that a whisker fits; unbounded ones do not.
        let finite = chart
            .bars
            .iter()
            .filter_map(|b| b.value.as_ref())
            .flat_map(|f| {
                [f.value.low().value(), f.value.high().value()]
                    .into_iter()
                    .flatten()
            });
        let all: Vec<Decimal> = points.iter().flatten().copied().chain(finite).collect();
        let largest = all.iter().map(|v| v.abs()).max().unwrap_or(Decimal::ONE);
        let grid = Grid::for_largest(largest);
        let top = all
            .iter()
            .copied()
            .max()
            .unwrap_or(Decimal::ONE)
            .max(Decimal::ZERO);
        let bottom = all
            .iter()
            .copied()
            .min()
            .unwrap_or(Decimal::ZERO)
            .min(Decimal::ZERO);
        let (low, high) = (grid.coordinate(bottom), grid.coordinate(top));
        // Headroom above the tallest bar for the milestone labels.
        let high = high.saturating_add(high.saturating_sub(low) / 6).max(1);
        Frame {
            points,
            grid,
            low,
            high,
        }
    }

    /// How far past its point the whisker of an unbounded side reaches.
    fn reach(&self) -> i64 {
        self.high.saturating_sub(self.low) / 12
    }
}

fn draw(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    chart: &BarChart,
    precision: Option<u32>,
) -> Result<(), ChartError> {
    let frame = Frame::of(chart);
    let area = area
        .titled(&clean_svg(&chart.title), ("sans-serif", 22))
        .map_err(drawing)?;
    let mut context = axes(&area, chart, &frame)?;
    draw_bars(&mut context, chart, &frame)?;
    let whiskers = whisker_ends(chart, &frame);
    draw_whiskers(&mut context, &whiskers)?;
    draw_labels(&mut context, chart, &frame, &whiskers, precision)?;
    draw_legend(&mut context, &frame.points)
}

/// The chart's axes: the bars' labels across, the grid's values up.
fn axes<'a, 'b>(
    area: &'a DrawingArea<SVGBackend<'b>, Shift>,
    chart: &BarChart,
    frame: &Frame,
) -> Result<Context<'a, 'b>, ChartError> {
    let n = i64::try_from(chart.bars.len()).unwrap_or(0).max(1);
    let labels: Vec<String> = chart.bars.iter().map(|b| clean_svg(&b.label)).collect();
    let x_label = |v: &SegmentValue<i64>| match v {
        SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => usize::try_from(*i)
            .ok()
            .and_then(|i| labels.get(i))
            .cloned()
            .unwrap_or_default(),
        SegmentValue::Last => String::new(),
    };
    let grid = frame.grid;
    let y_label = |v: &i64| grid.label(*v);
    let mut context = ChartBuilder::on(area)
        .caption(clean_svg(&chart.subject), ("sans-serif", 15))
        .margin(20)
        .x_label_area_size(50)
        .y_label_area_size(90)
        .build_cartesian_2d(
            // One bar still needs a segment of width: the axis spans at least two.
            (0i64..n.saturating_sub(1).max(1)).into_segmented(),
            frame.low..frame.high,
        )
        .map_err(drawing)?;
    context
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(chart.bars.len().clamp(1, 12))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_desc("period end")
        .y_desc(clean_svg(&chart.unit))
        .axis_desc_style(("sans-serif", 16))
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(drawing)?;
    Ok(context)
}

/// The bars, one series per kind (path, forward-looking milestone, reported
/// milestone), each in its colour with its legend entry.
fn draw_bars(
    context: &mut Context<'_, '_>,
    chart: &BarChart,
    frame: &Frame,
) -> Result<(), ChartError> {
    let grid = frame.grid;
    let bar = |i: usize, value: Decimal, colour: RGBColor| {
        let x = i64::try_from(i).unwrap_or(0);
        let mut rect = Rectangle::new(
            [
                (SegmentValue::Exact(x), 0),
                (
                    SegmentValue::Exact(x.saturating_add(1)),
                    grid.coordinate(value),
                ),
            ],
            colour.filled(),
        );
        // A gap between bars while they are wide enough to spare one.
        let gap = if chart.bars.len() <= MAX_VALUE_LABELS * 4 {
            3
        } else {
            0
        };
        rect.set_margin(0, 0, gap, gap);
        rect
    };
    let forward = if chart.bars.iter().any(|b| b.milestone.is_some()) {
        "forward-looking milestone"
    } else {
        "forward-looking (target, forecast, plan)"
    };
    let kinds = [
        (BarKind::Path, chart.plain, PATH_COLOUR),
        (BarKind::ForwardLooking, forward, TARGET_COLOUR),
        (BarKind::Reported, "reported milestone", REPORTED_COLOUR),
    ];
    for (kind, name, colour) in kinds {
        let bars: Vec<_> = chart
            .bars
            .iter()
            .zip(&frame.points)
            .enumerate()
            .filter(|(_, (b, _))| BarKind::of(b) == kind)
            .filter_map(|(i, (_, point))| point.map(|v| bar(i, v, colour)))
            .collect();
        if bars.is_empty() {
            continue;
        }
        context
            .draw_series(bars)
            .map_err(drawing)?
            .label(name)
            .legend(move |(x, y)| {
                Rectangle::new(
                    [
                        (x, y.saturating_sub(6)),
                        (x.saturating_add(12), y.saturating_add(6)),
                    ],
                    colour.filled(),
                )
            });
    }
    Ok(())
}

/// The ends of each bar's whisker, `(from, to, open above)`, where its
/// interval says more than the bar: from its low to its high end; an
/// unbounded side reaches a little past the point (and ends in an
/// arrowhead when it is the upper one).
fn whisker_ends(chart: &BarChart, frame: &Frame) -> Vec<Option<(i64, i64, bool)>> {
    let (grid, reach) = (frame.grid, frame.reach());
    chart
        .bars
        .iter()
        .map(|b| {
            let f = b.value.as_ref()?;
            if f.value.is_exact() {
                return None;
            }
            let point = grid.coordinate(f.value.point());
            let from = f
                .value
                .low()
                .value()
                .map_or(point.saturating_sub(reach), |v| grid.coordinate(v))
                .max(frame.low);
            let (to, open) = match f.value.high().value() {
                Some(v) => (grid.coordinate(v), false),
                None => (point.saturating_add(reach), true),
            };
            (from < to).then_some((from, to.min(frame.high), open))
        })
        .collect()
}

/// The whiskers and their arrowheads, with a legend entry.
fn draw_whiskers(
    context: &mut Context<'_, '_>,
    whisker_ends: &[Option<(i64, i64, bool)>],
) -> Result<(), ChartError> {
    let whiskers: Vec<_> = whisker_ends
        .iter()
        .enumerate()
        .filter_map(|(i, ends)| {
            let (from, to, _) = (*ends)?;
            let x = SegmentValue::CenterOf(i64::try_from(i).ok()?);
            Some(PathElement::new(
                vec![(x.clone(), from), (x, to)],
                BOUND_COLOUR.stroke_width(2),
            ))
        })
        .collect();
    let arrows: Vec<_> = whisker_ends
        .iter()
        .enumerate()
        .filter_map(|(i, ends)| {
            let (_, to, open) = (*ends)?;
            let x = SegmentValue::CenterOf(i64::try_from(i).ok()?);
            open.then(|| TriangleMarker::new((x, to), 6, BOUND_COLOUR.filled()))
        })
        .collect();
    if whiskers.is_empty() {
        return Ok(());
    }
    let label = if arrows.is_empty() {
        "interval of possible values"
    } else {
        "interval of possible values (▲ no upper bound)"
    };
    context
        .draw_series(whiskers)
        .map_err(drawing)?
        .label(label)
        .legend(|(x, y)| {
            PathElement::new(
                vec![(x, y), (x.saturating_add(12), y)],
                BOUND_COLOUR.stroke_width(2),
            )
        });
    context.draw_series(arrows).map_err(drawing)?;
    Ok(())
}

/// Milestones labelled above their bars (and whiskers), with their value
/// and status; other bars get their value where there is room for it.
fn draw_labels(
    context: &mut Context<'_, '_>,
    chart: &BarChart,
    frame: &Frame,
    whisker_ends: &[Option<(i64, i64, bool)>],
    precision: Option<u32>,
) -> Result<(), ChartError> {
    let milestone_style = TextStyle::from(("sans-serif", 15).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    let value_style = TextStyle::from(("sans-serif", 12).into_font())
        .color(&BOUND_COLOUR)
        .pos(Pos::new(HPos::Center, VPos::Bottom));
    let room = chart.bars.len() <= MAX_VALUE_LABELS;
    let gap = frame.reach() / 3;
    // Where a bar's label sits: above the bar and its whisker.
    let label_base = |i: usize| {
        let top = whisker_ends
            .get(i)
            .copied()
            .flatten()
            .map_or(
                frame.low,
                |(_, to, open)| if open { to.saturating_add(gap) } else { to },
            );
        let point = frame.points.get(i).copied().flatten().unwrap_or_default();
        frame.grid.coordinate(point.max(Decimal::ZERO)).max(top)
    };
    let texts: Vec<_> = chart
        .bars
        .iter()
        .enumerate()
        .filter_map(|(i, b)| {
            let (label, style) = match &b.milestone {
                Some(milestone) => {
                    let status = b
                        .forward_looking
                        .map_or_else(String::new, |s| format!(" ({s})"));
                    let label = format!(
                        "{} {}{status}",
                        clean_svg(milestone),
                        value_text(b, precision)
                    );
                    (label, &milestone_style)
                }
                None if room => (value_text(b, precision), &value_style),
                None => return None,
            };
            // A milestone label at either end of the axis is aligned with
            // the axis end, so that it is not cut off, and so also spans its
            // neighbour: it goes above that one's label.
            let index = i64::try_from(i).ok()?;
            let last = chart.bars.len().saturating_sub(1);
            let (x, h_pos, neighbour) = match i {
                _ if b.milestone.is_none() || last == 0 => {
                    (SegmentValue::CenterOf(index), HPos::Center, None)
                }
                0 => (SegmentValue::Exact(index), HPos::Left, Some(1)),
                _ if i == last => (SegmentValue::Last, HPos::Right, i.checked_sub(1)),
                _ => (SegmentValue::CenterOf(index), HPos::Center, None),
            };
            let y = label_base(i).max(neighbour.map_or(frame.low, |n| {
                label_base(n).saturating_add(gap.saturating_mul(3))
            }));
            let style = style.pos(Pos::new(h_pos, VPos::Bottom));
            Some(Text::new(label, (x, y), style))
        })
        .collect();
    context.draw_series(texts).map_err(drawing)?;
    Ok(())
}

/// The legend, on the side whose end of the series is lower.
fn draw_legend<'a, 'b: 'a>(
    context: &mut Context<'a, 'b>,
    points: &[Option<Decimal>],
) -> Result<(), ChartError> {
    let first = points.first().copied().flatten().unwrap_or_default();
    let last = points.last().copied().flatten().unwrap_or_default();
    let corner = if first <= last {
        SeriesLabelPosition::UpperLeft
    } else {
        SeriesLabelPosition::UpperRight
    };
    context
        .configure_series_labels()
        .position(corner)
        .background_style(WHITE.mix(0.85))
        .border_style(BOUND_COLOUR)
        .label_font(("sans-serif", 13))
        .draw()
        .map_err(drawing)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bounded::Bounded;
    use crate::listing::Figure;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn bar(label: &str, value: &str, milestone: Option<&str>) -> Bar {
        Bar {
            label: label.into(),
            value: Some(Figure {
                value: Bounded::exact(d(value)),
                stated_as: None,
                suffix: "",
            }),
            milestone: milestone.map(String::from),
            forward_looking: milestone.map(|_| "target"),
            change: None,
        }
    }

    fn chart() -> BarChart {
        BarChart {
            title: "co arr: compound path".into(),
            subject: "Co & Partners <Test>".into(),
            unit: "USD billion".into(),
            plain: "path",
            bars: vec![
                bar("2026-06-30", "10", Some("FY2027-Q1")),
                bar("2026-09-30", "17.32", None),
                bar("2026-12-31", "30", Some("2026-12-31")),
            ],
        }
    }

    #[test]
    fn bars_are_eighths_of_a_cell() {
        assert_eq!(bar_text(0), "");
        assert_eq!(bar_text(1), "▏");
        assert_eq!(bar_text(8), "█");
        assert_eq!(bar_text(19), "██▍");
        // 1 of 3 in 10 cells: 80/3 = 26.67 → 26 eighths.
        assert_eq!(eighths(d("1"), d("3"), 10), 26);
        // Above the maximum: capped.
        assert_eq!(eighths(d("4"), d("3"), 10), 80);
    }

    #[test]
    fn the_text_chart_fits_its_width() {
        for width in [40, 80, 132] {
            let lines = text(&chart(), width, None);
            assert_eq!(lines.len(), 5, "title, three bars, legend");
            // Label 10, mark 21 ("◆ 2026-12-31 (target)"), value 5, spaces 5:
            // 41 columns besides the bar, which keeps at least 10 cells.
            for line in lines.iter().skip(1).take(3) {
                assert_eq!(line.chars().count(), width.max(51), "{line:?}");
            }
            // The largest bar is all full blocks, the others shorter.
            let last = lines.get(3).unwrap();
            let first = lines.get(1).unwrap();
            let blocks = |l: &str| l.chars().filter(|c| *c == FULL).count();
            assert!(blocks(last) > blocks(first));
            assert!(first.contains("◆ FY2027-Q1 (target)"));
            assert!(last.ends_with(" 30"));
        }
    }

    #[test]
    fn the_svg_parses_and_labels_milestones() {
        let svg = svg(&[chart()], None).unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("FY2027-Q1 10 (target)"));
        assert!(svg.contains("co arr: compound path"));
        assert!(svg.contains("Co &amp; Partners &lt;Test&gt;"));
    }

    #[test]
    fn grid_units_keep_values_within_a_million_steps() {
        let g = Grid::for_largest(d("30"));
        assert_eq!(g.exponent, -4);
        assert_eq!(g.coordinate(d("17.3205")), 173_205);
        assert_eq!(g.label(100_000), "10");
        let g = Grid::for_largest(d("30000000000"));
        assert_eq!(g.exponent, 5);
        assert_eq!(g.coordinate(d("30000000000")), 300_000);
    }
}
