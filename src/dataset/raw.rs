//! The dataset format as written (`earnings-dataset/1`), exactly as serde
//! reads it: every field typed and checked where it is read, so that the
//! parser's own line and column name the place of a bad value, and unknown
//! fields and duplicate keys are refused.
//!
//! Nothing here goes through a float: numbers are read as their text
//! (serde_json's `arbitrary_precision`) and parsed as decimals.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::borrow::Cow;

use crate::claim::ClaimKind;
use crate::expr::Sum;
use crate::period::{FiscalYearEnd, Period};
use crate::reference::{Reference, check_entity_id, check_metric_key};
use crate::value::{BoundKind, DecimalField, Scale, Status, Unit};

/// The one format this version reads.
pub const FORMAT: &str = "earnings-dataset/1";

/// What a document must be, as error messages say it.
pub const EXPECTING: &str = "a dataset (a JSON object with \"format\": \"earnings-dataset/1\")";

/// A whole document. The loader reads it field by field (making each fact
/// as soon as it is read), with the same fields and the same messages as
/// serde would derive; this type describes it for the JSON Schema.
#[derive(Debug, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "earnings-dataset/1",
    description = "A dataset of stated figures and the relations a report states between them."
)]
// Never built: it describes a whole document for the JSON Schema, while
// the loader reads documents field by field (`super::seed`).
#[allow(dead_code)]
pub struct RawDataset {
    pub format: FormatTag,
    #[serde(default)]
    pub sources: UniqueMap<RawSource>,
    #[serde(default)]
    pub entities: UniqueMap<RawEntity>,
    /// Metrics defined as sums of other metrics of the same entity and period, e.g. {"free_cash_flow": "operating_cash_flow - capex"}: each is an implied figure wherever its operands are known (data/FORMAT.md, Definitions).
    #[serde(default)]
    pub definitions: UniqueMap<DefinitionText>,
    #[serde(default)]
    pub facts: Vec<RawFact>,
    #[serde(default)]
    pub claims: Vec<RawClaim>,
}

/// The records of the format (a source, an entity, a fact, a claim) are
/// JSON objects only: serde's derived reading would also take an array of
/// the fields in order, which no one writes on purpose.
macro_rules! object_only {
    ($($raw:ident => $expecting:literal),* $(,)?) => {$(
        impl<'de> Deserialize<'de> for $raw {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;

                impl<'de> Visitor<'de> for ObjectVisitor {
                    type Value = $raw;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<$raw, M::Error> {
                        $raw::deserialize(de::value::MapAccessDeserializer::new(map))
                    }
                }

                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    )*};
}

object_only! {
    RawSource => "a source (a JSON object)",
    RawEntity => "an entity (a JSON object)",
    RawFact => "a fact (a JSON object)",
    RawClaim => "a claim (a JSON object)",
}

/// The `format` field, checked as it is read.
#[derive(Debug)]
pub struct FormatTag;

impl<'de> Deserialize<'de> for FormatTag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let found = String::deserialize(deserializer)?;
        if found == FORMAT {
            Ok(FormatTag)
        } else {
            Err(de::Error::custom(format!(
                "unsupported format {} (expected {FORMAT:?})",
                crate::shown::quoted(&found)
            )))
        }
    }
}

/// How much a source is trusted, most trusted first (data/FORMAT.md, Sources).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A statutory filing.
    Filing,
    /// The company's own results release or call.
    Release,
    /// News coverage.
    Press,
    /// An analyst's or a low-confidence figure.
    Estimate,
    /// Generated test data.
    Synthetic,
}

impl SourceKind {
    /// Higher is more trusted.
    pub fn trust(self) -> u8 {
        match self {
            SourceKind::Filing => 4,
            SourceKind::Release => 3,
            SourceKind::Press => 2,
            SourceKind::Estimate => 1,
            SourceKind::Synthetic => 0,
        }
    }

    /// The name used in the data format and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Filing => "filing",
            SourceKind::Release => "release",
            SourceKind::Press => "press",
            SourceKind::Estimate => "estimate",
            SourceKind::Synthetic => "synthetic",
        }
    }
}

/// A source as written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(
    remote = "Self",
    deny_unknown_fields,
    expecting = "a source (a JSON object)"
)]
#[schemars(title = "source")]
pub struct RawSource {
    pub title: String,
    #[serde(deserialize_with = "word")]
    pub kind: SourceKind,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub published: Option<Parsed<Date>>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An entity as written.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(
    remote = "Self",
    deny_unknown_fields,
    expecting = "an entity (a JSON object)"
)]
#[schemars(title = "entity")]
pub struct RawEntity {
    pub name: String,
    #[serde(default)]
    pub currency: Option<Parsed<Unit>>,
    #[serde(default)]
    pub fiscal_year_end: Option<Parsed<FiscalYearEnd>>,
    #[serde(default)]
    pub parent: Option<EntityId>,
}

/// A fact as written.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(
    remote = "Self",
    deny_unknown_fields,
    expecting = "a fact (a JSON object)"
)]
#[schemars(title = "fact")]
pub struct RawFact {
    pub entity: EntityId,
    pub metric: MetricKey,
    pub period: Parsed<Period>,
    pub value: DecimalField,
    #[serde(default, deserialize_with = "optional_word")]
    pub scale: Option<Scale>,
    pub unit: UnitText,
    #[serde(default, deserialize_with = "optional_word")]
    pub bound: Option<BoundKind>,
    #[serde(default)]
    pub high: Option<DecimalField>,
    #[serde(default)]
    pub tolerance: Option<DecimalField>,
    #[serde(default, deserialize_with = "optional_word")]
    pub status: Option<Status>,
    #[schemars(with = "String")]
    pub source: Token,
    #[schemars(with = "String")]
    pub at: Token,
    #[serde(default)]
    pub note: Option<String>,
}

/// A claim as written: one flat record whose fields are checked against its
/// kind after reading (an internally tagged enum would buffer numbers and
/// lose their digits).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(
    remote = "Self",
    deny_unknown_fields,
    expecting = "a claim (a JSON object)"
)]
#[schemars(
    title = "claim",
    extend("allOf" = [
        {
            "if": { "properties": { "kind": { "const": "expr" } } },
            "then": { "required": ["expr"], "not": { "required": ["of"] } },
            "else": { "required": ["of"], "not": { "required": ["expr"] } }
        }
    ])
)]
pub struct RawClaim {
    #[serde(deserialize_with = "word")]
    pub kind: ClaimKind,
    /// The figure the claim is about; every kind but `expr` needs it.
    #[serde(default)]
    pub of: Option<Parsed<Reference>>,
    /// For kind `expr` only: an expression over figures, as `earnings eval` reads it, e.g. `share(alibaba-cloud.revenue@FY2026, alibaba.revenue@FY2026)`.
    #[serde(default)]
    pub expr: Option<String>,
    #[serde(default)]
    pub whole: Option<Parsed<Reference>>,
    #[serde(default)]
    pub base: Option<Parsed<Reference>>,
    #[serde(default)]
    pub over: Option<MetricKey>,
    pub value: DecimalField,
    #[serde(default, deserialize_with = "optional_word")]
    pub scale: Option<Scale>,
    pub unit: Parsed<Unit>,
    #[serde(default, deserialize_with = "optional_word")]
    pub bound: Option<BoundKind>,
    #[serde(default)]
    pub high: Option<DecimalField>,
    #[serde(default)]
    pub tolerance: Option<DecimalField>,
    #[serde(default, deserialize_with = "optional_word")]
    pub status: Option<Status>,
    pub source: String,
    pub at: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// A word naming one of a fixed set (a scale, a bound, a kind), read as a
/// string first: serde_json refuses a number where an enum is expected with a
/// bare "expected value", which says nothing of what was wanted.
fn word<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let text = Token::deserialize(deserializer)?;
    word_of(text.as_str())
}

/// The one of a fixed set that `text` names, read as serde reads it.
pub(super) fn word_of<'de, T: Deserialize<'de>, E: de::Error>(text: &str) -> Result<T, E> {
    use de::IntoDeserializer;
    T::deserialize(text.into_deserializer())
}

/// [`word`] for an optional field (absent or `null` is `None`).
fn optional_word<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    match Option::<Token>::deserialize(deserializer)? {
        Some(text) => word_of(text.as_str()).map(Some),
        None => Ok(None),
    }
}

/// A calendar date written `YYYY-MM-DD` (chrono's own message for a day
/// that does not exist is "input is out of range").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

impl FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let shaped = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) if shaped => Ok(Date(date)),
            _ if shaped => Err(format!(
                "{} is not a date: no such day",
                crate::shown::quoted(text)
            )),
            _ => Err(format!(
                "{} is not a date (expected YYYY-MM-DD, e.g. 2026-05-14)",
                crate::shown::quoted(text)
            )),
        }
    }
}

/// A short text as read from a document (an id, a key, a unit, a place in
/// a source): held inline up to [`Token::INLINE`] bytes, so that reading a
/// fact allocates nothing; longer text is allocated.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(TokenText);

#[derive(Clone, PartialEq, Eq)]
enum TokenText {
    Inline(arrayvec::ArrayString<{ Token::INLINE }>),
    Heap(Box<str>),
}

impl Token {
    /// The longest text held inline.
    pub const INLINE: usize = 20;

    /// A token of this text.
    pub fn new(text: &str) -> Token {
        match arrayvec::ArrayString::from(text) {
            Ok(inline) => Token(TokenText::Inline(inline)),
            Err(_) => Token(TokenText::Heap(text.into())),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            TokenText::Inline(text) => text,
            TokenText::Heap(text) => text,
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<'de> Deserialize<'de> for Token {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TokenVisitor;

        impl Visitor<'_> for TokenVisitor {
            type Value = Token;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Token, E> {
                Ok(Token::new(text))
            }
        }

        deserializer.deserialize_str(TokenVisitor)
    }
}

/// A value read through its `FromStr`, so that the parser reports the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed<T>(pub T);

impl<'de, T> Deserialize<'de> for Parsed<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ParsedVisitor<T>(PhantomData<T>);

        impl<T> Visitor<'_> for ParsedVisitor<T>
        where
            T: FromStr,
            T::Err: fmt::Display,
        {
            type Value = Parsed<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Parsed<T>, E> {
                text.parse().map(Parsed).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_str(ParsedVisitor(PhantomData))
    }
}

/// A short text read inline and checked as it is read: an id, a key, a
/// unit.
pub(super) trait CheckedText: Sized {
    type Error: fmt::Display;

    /// Checks the text as written.
    fn check(text: &str) -> Result<(), Self::Error>;

    /// The text, checked.
    fn wrap(text: Token) -> Self;

    /// The text if it passes the check: for a reader that gives up on any
    /// error (serde's reading then says what it is).
    fn checked(text: &str) -> Option<Self> {
        Self::check(text).ok()?;
        Some(Self::wrap(Token::new(text)))
    }
}

/// Reads a [`CheckedText`], its check's message the error.
fn checked_token<'de, D: Deserializer<'de>, T: CheckedText>(
    deserializer: D,
) -> Result<T, D::Error> {
    let text = Token::deserialize(deserializer)?;
    T::check(text.as_str()).map_err(de::Error::custom)?;
    Ok(T::wrap(text))
}

/// An entity id, checked as it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityId(pub Token);

impl CheckedText for EntityId {
    type Error = crate::reference::ReferenceError;

    fn check(text: &str) -> Result<(), Self::Error> {
        check_entity_id(text)
    }

    fn wrap(text: Token) -> Self {
        EntityId(text)
    }
}

impl<'de> Deserialize<'de> for EntityId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        checked_token(deserializer)
    }
}

/// A metric key, checked as it is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MetricKey(pub Token);

impl CheckedText for MetricKey {
    type Error = crate::reference::ReferenceError;

    fn check(text: &str) -> Result<(), Self::Error> {
        check_metric_key(text)
    }

    fn wrap(text: Token) -> Self {
        MetricKey(text)
    }
}

impl<'de> Deserialize<'de> for MetricKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        checked_token(deserializer)
    }
}

/// A fact's unit, checked as it is read and kept as text, so that the
/// loader can share one currency code between all the facts in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitText(pub Token);

impl CheckedText for UnitText {
    type Error = crate::value::ValueError;

    fn check(text: &str) -> Result<(), Self::Error> {
        Unit::check(text)
    }

    fn wrap(text: Token) -> Self {
        UnitText(text)
    }
}

impl<'de> Deserialize<'de> for UnitText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        checked_token(deserializer)
    }
}

/// A metric's definition as written (`operating_cash_flow - capex`), read
/// as it is parsed, so that a bad one is refused at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefinitionText(pub Sum);

impl<'de> Deserialize<'de> for DefinitionText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        crate::expr::parse_sum(&text)
            .map(DefinitionText)
            .map_err(|e| {
                let (line, column) = e.span.position(&text);
                let place = if text.contains('\n') {
                    format!("line {line}, column {column}")
                } else {
                    format!("column {column}")
                };
                de::Error::custom(format!("{place} of the definition: {}", e.message))
            })
    }
}

/// An object read as a list of entries in document order, refusing a key
/// written twice (a JSON map would silently keep the last).
#[derive(Clone, Debug)]
pub struct UniqueMap<V>(pub Vec<(String, V)>);

impl<V> Default for UniqueMap<V> {
    fn default() -> Self {
        UniqueMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct UniqueVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueVisitor<V> {
            type Value = UniqueMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of ids")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(String, V)> = Vec::new();
                let mut seen = std::collections::HashSet::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(de::Error::custom(format!("id {key:?} is defined twice")));
                    }
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(UniqueMap(entries))
            }
        }

        deserializer.deserialize_map(UniqueVisitor(PhantomData))
    }
}

// The JSON Schema of the format (`earnings schema`) is generated from these
// same types; the types read through `FromStr` describe their text here.

impl JsonSchema for FormatTag {
    fn schema_name() -> Cow<'static, str> {
        "FormatTag".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "const": FORMAT, "description": "The format of the document." })
    }
}

/// How a value read from text is described in the JSON Schema.
pub trait TextSchema {
    /// The schema's name.
    const NAME: &'static str;
    /// What the text is.
    const DESCRIPTION: &'static str;
    /// A regular expression the text matches, where one helps editors.
    const PATTERN: Option<&'static str> = None;
}

impl TextSchema for Period {
    const NAME: &'static str = "Period";
    const DESCRIPTION: &'static str = "A period: FY2026, FY2026-Q4 (also Q4 FY2026, FY2026Q4), CY2026, CY2026-Q1 (also 2026-Q1), 2026-05, 2026-12-31 (an instant), or a span of one kind such as FY2027..FY2028.";
}

impl TextSchema for Reference {
    const NAME: &'static str = "Reference";
    const DESCRIPTION: &'static str =
        "A figure: ENTITY.METRIC@PERIOD, e.g. alibaba.revenue@FY2026.";
    const PATTERN: Option<&'static str> = Some("^[a-z0-9][a-z0-9-]*\\.[a-z][a-z0-9_]*@.+$");
}

impl TextSchema for Unit {
    const NAME: &'static str = "Unit";
    const DESCRIPTION: &'static str = "A currency code (CNY, USD), percent, ratio, multiple, or a lowercase word for a count (orders).";
    const PATTERN: Option<&'static str> = Some("^([A-Z]{3}|[a-z][a-z_]*)$");
}

impl TextSchema for FiscalYearEnd {
    const NAME: &'static str = "FiscalYearEnd";
    const DESCRIPTION: &'static str = "When the fiscal year ends: MM-DD (default 12-31), or a 52/53-week year end, \"last sat sep\" or \"sat nearest jan 31\" (data/FORMAT.md, Periods).";
    const PATTERN: Option<&'static str> = Some(
        "^([0-1][0-9]-[0-3][0-9]|last (mon|tue|wed|thu|fri|sat|sun) [a-z]{3}|(mon|tue|wed|thu|fri|sat|sun) nearest [a-z]{3} [0-9]{1,2})$",
    );
}

impl TextSchema for Date {
    const NAME: &'static str = "Date";
    const DESCRIPTION: &'static str = "A date, YYYY-MM-DD.";
    const PATTERN: Option<&'static str> = Some("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
}

impl<T: TextSchema> JsonSchema for Parsed<T> {
    fn schema_name() -> Cow<'static, str> {
        T::NAME.into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        match T::PATTERN {
            Some(pattern) => {
                json_schema!({ "type": "string", "description": T::DESCRIPTION, "pattern": pattern })
            }
            None => json_schema!({ "type": "string", "description": T::DESCRIPTION }),
        }
    }
}

impl JsonSchema for EntityId {
    fn schema_name() -> Cow<'static, str> {
        "EntityId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "An entity id: lowercase letters, digits and '-'.",
            "pattern": "^[a-z0-9][a-z0-9-]*$"
        })
    }
}

impl JsonSchema for UnitText {
    fn schema_name() -> Cow<'static, str> {
        Parsed::<Unit>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Parsed::<Unit>::json_schema(generator)
    }
}

impl JsonSchema for MetricKey {
    fn schema_name() -> Cow<'static, str> {
        "MetricKey".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A metric key in lowercase snake_case, e.g. net_profit.",
            "pattern": "^[a-z][a-z0-9_]*$"
        })
    }
}

impl JsonSchema for DefinitionText {
    fn schema_name() -> Cow<'static, str> {
        "Definition".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "Metrics of the same entity and period added and subtracted, each once, e.g. operating_cash_flow - capex; parentheses group (a - (b + c)).",
            "pattern": "^[-+−(\\s]*[a-z][a-z0-9_]*[\\s)]*([-+−][-+−(\\s]*[a-z][a-z0-9_]*[\\s)]*)*$"
        })
    }
}

impl<V: JsonSchema> JsonSchema for UniqueMap<V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<V>();
        json_schema!({ "type": "object", "additionalProperties": value })
    }
}

/// The JSON Schema of `earnings-dataset/1`, from the types the loader reads.
pub fn schema() -> Schema {
    schemars::schema_for!(RawDataset)
}
