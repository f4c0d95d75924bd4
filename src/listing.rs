//! A report as plain data: titled sections of rows whose cells know what
//! they hold (text, an exact number, a figure with its interval), so that
//! every renderer can show them its own way without recomputing anything.

use std::fmt;
use std::ops::Deref;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::name::Name;

pub mod chart;

pub use crate::text::{Figure, Rounding, StatedAs};

/// Which outputs show a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// Tables and machine formats alike.
    Everywhere,
    /// Only tables and Markdown (people).
    People,
    /// Only CSV and JSON (machines).
    Machines,
}

/// A column: its stable key (CSV header, JSON field), the header people
/// read, and where it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Stable key for CSV and JSON.
    pub key: &'static str,
    /// Header for tables.
    pub header: &'static str,
    /// Where it shows.
    pub show: Show,
    /// Right-aligned in tables.
    pub numeric: bool,
    /// Long text (inputs, formula, note, source place) that a table leaves
    /// out unless asked (`--wide`, `--columns`), so that the columns an
    /// analyst reads first fit the terminal.
    pub wide: bool,
    /// One of the columns an analyst reads first (the figure's name, its
    /// value and unit, a claim's outcome): where a table is too narrow for
    /// all its columns, the others are left out before these.
    pub essential: bool,
}

impl Column {
    /// A text column shown everywhere.
    pub const fn text(key: &'static str, header: &'static str) -> Column {
        Column {
            key,
            header,
            show: Show::Everywhere,
            numeric: false,
            wide: false,
            essential: false,
        }
    }

    /// A number column for machines (full precision).
    pub const fn number(key: &'static str) -> Column {
        Column {
            key,
            header: key,
            show: Show::Machines,
            numeric: true,
            wide: false,
            essential: false,
        }
    }

    /// A column for people only.
    pub const fn people(key: &'static str, header: &'static str, numeric: bool) -> Column {
        Column {
            key,
            header,
            show: Show::People,
            numeric,
            wide: false,
            essential: false,
        }
    }

    /// Which way the column's numbers move when machine output cuts them
    /// to fewer digits: a column named `low` or `…_low` holds lower ends
    /// (down), `high` or `…_high` upper ends (up); any other to the nearest.
    ///
    /// ```
    /// use earnings::listing::{Column, Rounding};
    /// assert_eq!(Column::number("claimed_low").rounding(), Rounding::Down);
    /// assert_eq!(Column::number("high").rounding(), Rounding::Up);
    /// assert_eq!(Column::number("value").rounding(), Rounding::Nearest);
    /// ```
    pub fn rounding(&self) -> Rounding {
        if self.key == "low" || self.key.ends_with("_low") {
            Rounding::Down
        } else if self.key == "high" || self.key.ends_with("_high") {
            Rounding::Up
        } else {
            Rounding::Nearest
        }
    }

    /// The same column, left out of tables unless asked for (see
    /// [`Column::wide`]).
    pub const fn wide(mut self) -> Column {
        self.wide = true;
        self
    }

    /// The same column, left out of a narrow table last (see
    /// [`Column::essential`]).
    pub const fn essential(mut self) -> Column {
        self.essential = true;
        self
    }

    /// A text column for machines only.
    pub const fn machines(key: &'static str) -> Column {
        Column {
            key,
            header: key,
            show: Show::Machines,
            numeric: false,
            wide: false,
            essential: false,
        }
    }
}

/// A column key or header made at run time (a period heading a column of
/// `statement`), as the `'static` text a [`Column`] holds: each distinct
/// text is kept once, for the rest of the program, so that the memory is
/// bounded by the distinct periods ever shown, never by the rows.
///
/// ```
/// use earnings::listing::column_name;
/// let a = column_name("FY2026");
/// assert!(std::ptr::eq(a, column_name(&String::from("FY2026"))));
/// ```
pub fn column_name(text: &str) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let names = NAMES.get_or_init(|| Mutex::new(HashSet::new()));
    // A poisoned lock still holds a sound set: names are only ever added.
    let mut names = names.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(name) = names.get(text) {
        return name;
    }
    let name: &'static str = Box::leak(text.to_string().into_boxed_str());
    names.insert(name);
    name
}

/// Which columns a table shows (`--wide`, `--columns`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Choice {
    /// The columns an analyst reads first: every column people see but the
    /// wide ones.
    #[default]
    Usual,
    /// Every column people see.
    Wide,
    /// These columns, by key, in this order.
    Keys(Vec<String>),
}

/// The indices of the columns shown, in order: people's columns (tables,
/// Markdown) as `choice` says, or every machine column (CSV, JSON).
///
/// An unknown key is an error naming it, the nearest key and every key.
///
/// ```
/// use earnings::listing::{Choice, Column, chosen};
/// let columns = [
///     Column::text("entity", "entity"),
///     Column::people("note", "note", false).wide(),
/// ];
/// assert_eq!(chosen(&columns, &Choice::Usual, true), Ok(vec![0]));
/// assert_eq!(chosen(&columns, &Choice::Wide, true), Ok(vec![0, 1]));
/// let keys = Choice::Keys(vec!["note".into(), "entity".into()]);
/// assert_eq!(chosen(&columns, &keys, true), Ok(vec![1, 0]));
/// let typo = Choice::Keys(vec!["entiy".into()]);
/// assert!(chosen(&columns, &typo, true).unwrap_err().contains("did you mean 'entity'"));
/// ```
pub fn chosen(columns: &[Column], choice: &Choice, people: bool) -> Result<Vec<usize>, String> {
    let shown = |c: &Column| match c.show {
        Show::Everywhere => true,
        Show::People => people,
        Show::Machines => !people,
    };
    let visible = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| shown(c))
        .map(|(i, _)| i);
    match choice {
        Choice::Usual if people => Ok(visible
            .filter(|&i| columns.get(i).is_some_and(|c| !c.wide))
            .collect()),
        Choice::Usual | Choice::Wide => Ok(visible.collect()),
        Choice::Keys(keys) => {
            let visible: Vec<usize> = visible.collect();
            keys.iter()
                .map(|key| {
                    visible
                        .iter()
                        .copied()
                        .find(|&i| columns.get(i).is_some_and(|c| c.key == key.as_str()))
                        .ok_or_else(|| unknown_column(key, columns, &visible))
                })
                .collect()
        }
    }
}

/// The message for a `--columns` key a listing does not have.
fn unknown_column(key: &str, columns: &[Column], visible: &[usize]) -> String {
    let keys: Vec<&str> = visible
        .iter()
        .filter_map(|&i| columns.get(i).map(|c| c.key))
        .collect();
    let hint = crate::suggest::closest(key, keys.iter().copied())
        .map(|near| format!(" (did you mean '{near}'?)"))
        .unwrap_or_default();
    format!(
        "--columns: no column '{key}' here{hint}; the columns are {}",
        keys.join(",")
    )
}

/// The text of a cell: the program's own words, a name shared with the
/// data, or text made for the cell. Only the last is an allocation, so a
/// row of ids and fixed words costs none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    /// Words of the program.
    Static(&'static str),
    /// A name from the data.
    Name(Name),
    /// Made for this cell.
    Owned(String),
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Static(text) => text,
            Text::Name(name) => name,
            Text::Owned(text) => text,
        }
    }
}

impl From<&'static str> for Text {
    fn from(text: &'static str) -> Text {
        Text::Static(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::Owned(text)
    }
}

impl From<Name> for Text {
    fn from(name: Name) -> Text {
        Text::Name(name)
    }
}

impl From<&Name> for Text {
    fn from(name: &Name) -> Text {
        Text::Name(name.clone())
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text from the dataset or the program.
    Text(Text),
    /// An exact number for machines, or nothing (an unbounded side).
    Number(Option<Decimal>),
    /// A figure for people: the value with its bound marker.
    Value(Figure),
    /// A figure's interval for people, shown only where it is wider than the
    /// printed precision.
    Interval(Figure),
    /// Text with a tone that a terminal may show in colour.
    Marked(Text, Tone),
    /// Nothing.
    Empty,
    /// Several records in one cell (the figures a finding involves): for
    /// people, one line per record of its people fields, records joined by
    /// `; `; in JSON, an array of objects of its machine fields; in CSV,
    /// that array as JSON text.
    Records(Vec<Record>),
}

/// One record of a [`Cell::Records`]: fields with their columns, which say
/// each field's key and where it shows, as a listing's columns do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The fields, in order.
    pub fields: Vec<(Column, Cell)>,
}

/// How a marked cell reads on a colour terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// All is well (a claim that holds).
    Good,
    /// Look twice (a forward-looking figure, a warning).
    Warn,
    /// Something is wrong (a contradicted claim, an error).
    Bad,
    /// Less important.
    Dim,
}

impl Cell {
    /// Text, or nothing when there is none.
    pub fn text_or_empty(text: Option<&str>) -> Cell {
        text.map_or(Cell::Empty, |t| Cell::Text(Text::Owned(t.to_string())))
    }

    /// A text cell without copying: the program's words, a name, or an
    /// owned string.
    ///
    /// ```
    /// use earnings::listing::{Cell, Text};
    /// assert_eq!(Cell::text("n/m"), Cell::Text(Text::Static("n/m")));
    /// ```
    pub fn text(text: impl Into<Text>) -> Cell {
        Cell::Text(text.into())
    }
}

/// A copy of the text (for a `&'static str`, [`Cell::text`] needs none).
impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(Text::Owned(text.to_string()))
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(Text::Owned(text))
    }
}

impl From<Name> for Cell {
    fn from(name: Name) -> Cell {
        Cell::Text(Text::Name(name))
    }
}

impl From<&Name> for Cell {
    fn from(name: &Name) -> Cell {
        Cell::Text(Text::Name(name.clone()))
    }
}

/// One section of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    /// Stable name (`facts`, `yoy`), used as the JSON `report` field.
    pub name: &'static str,
    /// Title for people.
    pub title: String,
    /// Settings that apply to every row (`scale`, `currency`, `fx`), shown
    /// under the title and in the JSON.
    pub meta: Vec<(&'static str, String)>,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Lines for people after the table (legends, summaries).
    pub notes: Vec<String>,
}

/// The JSON shape of a number: a string of decimals, so no consumer rounds
/// it through a float.
#[derive(Serialize)]
#[serde(transparent)]
pub struct DecimalString(pub String);

/// Where the rows of a section go as they are made (a renderer): each row,
/// one cell per column, is handed over and not kept by the report. An
/// error (the output failed) stops the rows.
pub type Each<'e> = dyn FnMut(&[Cell]) -> crate::Result<()> + 'e;

/// The rows of a section, handed to [`Each`] one at a time as they are
/// made; they stop at the first error, the maker's own or the renderer's.
pub type MakeRows<'a> = Box<dyn FnOnce(&mut Each<'_>) -> crate::Result<()> + 'a>;

/// Part `i` of the rows of a section made in parts, handed to [`Each`].
pub type MakePart<'a> = Box<dyn Fn(usize, &mut Each<'_>) -> crate::Result<()> + Sync + 'a>;

/// How a section's rows are made.
pub enum Making<'a> {
    /// One after another.
    InOrder(MakeRows<'a>),
    /// In parts, which can be made at once on several threads and, in
    /// order, give the rows.
    Parts(usize, MakePart<'a>),
}

/// A section of a report as it is made: its head (name, title, settings,
/// columns and notes; `head.rows` is empty) and its rows, which are made
/// only as a renderer takes them. This is what every command hands to a
/// renderer, so that a section of a million rows never waits in memory
/// unless the output needs every row (a table's layout).
pub struct Section<'a> {
    /// Everything but the rows.
    pub head: Listing,
    rows: Making<'a>,
}

impl<'a> Section<'a> {
    /// A section whose rows `rows` makes, handing each to the renderer.
    pub fn new(head: Listing, rows: impl FnOnce(&mut Each<'_>) -> crate::Result<()> + 'a) -> Self {
        Section {
            head,
            rows: Making::InOrder(Box::new(rows)),
        }
    }

    /// A section whose rows come in `parts` parts, `make(i, each)` handing
    /// the rows of part `i` to `each`: a renderer may make several parts at
    /// once (CSV does, on every core) and writes them in order.
    pub fn from_parts(
        head: Listing,
        parts: usize,
        make: impl Fn(usize, &mut Each<'_>) -> crate::Result<()> + Sync + 'a,
    ) -> Self {
        Section {
            head,
            rows: Making::Parts(parts, Box::new(make)),
        }
    }

    /// Its head, and how its rows are made.
    pub fn into_making(self) -> (Listing, Making<'a>) {
        (self.head, self.rows)
    }

    /// A section of rows that come from an iterator.
    pub fn from_rows<R: AsRef<[Cell]>>(
        head: Listing,
        rows: impl IntoIterator<Item = crate::Result<R>> + 'a,
    ) -> Self {
        Section::new(head, move |each: &mut Each<'_>| {
            rows.into_iter().try_for_each(|row| each(row?.as_ref()))
        })
    }

    /// Its head, and the rows to be made.
    pub fn into_parts(self) -> (Listing, MakeRows<'a>) {
        let rows: MakeRows<'a> = match self.rows {
            Making::InOrder(rows) => rows,
            Making::Parts(parts, make) => Box::new(move |each: &mut Each<'_>| {
                (0..parts).try_for_each(|part| make(part, &mut *each))
            }),
        };
        (self.head, rows)
    }
}

/// A listing made whole is a section whose rows are already made.
impl From<Listing> for Section<'static> {
    fn from(mut listing: Listing) -> Section<'static> {
        let rows = std::mem::take(&mut listing.rows);
        Section::from_rows(listing, rows.into_iter().map(Ok))
    }
}

impl<'a> From<&'a Listing> for Section<'a> {
    fn from(listing: &'a Listing) -> Section<'a> {
        let head = Listing {
            rows: Vec::new(),
            ..listing.clone()
        };
        Section::from_rows(head, listing.rows.iter().map(Ok))
    }
}

/// What a command hands to a renderer: one section, or a named report of
/// several, each section possibly followed (for people) by lines drawn
/// after it.
pub struct Report<'a> {
    /// The JSON `report` field of a report of several sections; `None` for
    /// one section shown as itself.
    pub name: Option<&'static str>,
    /// The sections, in order.
    pub sections: Vec<Section<'a>>,
    /// Lines for people after a section (charts).
    pub illustrations: Vec<Illustration>,
}

impl<'a> Report<'a> {
    /// A report of one section.
    pub fn one(section: impl Into<Section<'a>>) -> Report<'a> {
        Report {
            name: None,
            sections: vec![section.into()],
            illustrations: Vec::new(),
        }
    }

    /// A report of several sections, named `name` in JSON.
    pub fn sections<S: Into<Section<'a>>>(
        name: &'static str,
        sections: impl IntoIterator<Item = S>,
    ) -> Report<'a> {
        Report {
            name: Some(name),
            sections: sections.into_iter().map(Into::into).collect(),
            illustrations: Vec::new(),
        }
    }

    /// The same report, with lines drawn after some sections.
    pub fn illustrated(mut self, illustrations: Vec<Illustration>) -> Report<'a> {
        self.illustrations = illustrations;
        self
    }
}

/// Lines drawn for people after the section named `after` (a chart), in
/// tables as they are and in Markdown as a code block; never in CSV or JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Illustration {
    /// The name of the listing it follows.
    pub after: &'static str,
    /// Its lines.
    pub lines: Vec<String>,
}
