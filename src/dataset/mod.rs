//! The dataset: sources, entities, stated facts and claims, loaded from one
//! or more `earnings-dataset/1` documents, checked and merged (data/FORMAT.md).
//!
//! Loading is all-or-nothing: the first problem found is returned as a
//! [`DataError`] naming the file, the line and column, and the field.

mod blocks;
mod definitions;
mod draft;
mod locate;
mod raw;
mod stream;

use std::fmt;

use chrono::NaiveDate;

use crate::bounded::Bounded;
use crate::claim::Relation;
use crate::error::DataError;
use crate::name::Name;
use crate::period::FiscalYearEnd;
use crate::reference::Reference;
use crate::value::{Stated, Status, ValueError};
pub use definitions::circular;
pub use draft::DRAFT_MARKER;
pub use raw::{FORMAT, SourceKind, UniqueMap, schema};
use serde::de::DeserializeSeed;

/// The datasets bundled in the binary, in load order (which decides
/// nothing: among sources of equal trust, the id that sorts first is used).
pub const BUNDLED: [(&str, &str); 2] = [
    (
        "data/alibaba-article.json",
        include_str!("../../data/alibaba-article.json"),
    ),
    (
        "data/alibaba-reference.json",
        include_str!("../../data/alibaba-reference.json"),
    ),
];

/// Where a document comes from and what it holds.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    /// The name errors and provenance use (a path, `<stdin>`).
    pub name: &'a str,
    /// The document's bytes.
    pub bytes: &'a [u8],
}

/// A document to load: bytes in memory, or a file read as it is parsed.
#[derive(Clone, Copy, Debug)]
pub enum Document<'a> {
    /// A document's bytes.
    Bytes(Input<'a>),
    /// A file, read from its start.
    File {
        /// The name errors and provenance use (its path).
        name: &'a str,
        /// The open file.
        file: &'a std::fs::File,
    },
}

/// Where a fact or claim was written: file and field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file.
    pub file: Name,
    /// The place within it, e.g. `facts[3]`.
    pub field: Field,
}

/// A place in a document's lists, shown as `facts[3]` or `claims[0]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The fact at this index of `facts` (32 bits: a fact takes more
    /// than 64 bytes of JSON, so a document of four billion of them is
    /// beyond any memory, and every fact carries its origin).
    Fact(u32),
    /// The claim at this index of `claims`.
    Claim(u32),
    /// Made in code, not read from a document.
    Code,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::Fact(index) => write!(f, "facts[{index}]"),
            Field::Claim(index) => write!(f, "claims[{index}]"),
            Field::Code => f.write_str("(made in code)"),
        }
    }
}

/// A source of figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// What kind of source, which orders trust.
    pub kind: SourceKind,
    /// Who published it.
    pub publisher: Option<String>,
    /// When.
    pub published: Option<NaiveDate>,
    /// Where to read it.
    pub url: Option<String>,
    /// A note on it.
    pub note: Option<String>,
}

/// A company or a segment of one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its reporting currency, inherited from its parent where not given.
    pub currency: Option<String>,
    /// Its fiscal year end, inherited from its parent where not given.
    pub fiscal_year_end: FiscalYearEnd,
    /// The entity it is a segment of.
    pub parent: Option<String>,
}

/// A stated figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// Which figure.
    pub figure: Reference,
    /// What was written.
    pub stated: Stated,
    /// The interval it allows, in base units.
    pub value: Bounded,
    /// Reported or forward-looking.
    pub status: Status,
    /// The source id.
    pub source: Name,
    /// Where in the source.
    pub at: Name,
    /// The dataset authors' note.
    pub note: Option<Box<str>>,
    /// Where in the dataset.
    pub origin: Origin,
}

impl Fact {
    /// A fact built in code: its interval follows from what is stated.
    ///
    /// ```
    /// use earnings::dataset::Fact;
    /// use earnings::value::{BoundKind, Scale, Stated, Unit};
    /// let stated = Stated {
    ///     value: "12.5".parse().unwrap(),
    ///     scale: Scale::Billion,
    ///     unit: Unit::Currency("USD".into()),
    ///     bound: BoundKind::Rounded,
    ///     high: None,
    ///     tolerance: None,
    /// };
    /// let fact = Fact::new("acme.revenue@FY2026".parse().unwrap(), stated, "q4-release", "p. 1").unwrap();
    /// assert_eq!(fact.value.point().to_string(), "12500000000.0");
    /// ```
    pub fn new(
        figure: Reference,
        stated: Stated,
        source: &str,
        at: &str,
    ) -> Result<Fact, ValueError> {
        let value = stated.interval()?;
        Ok(Fact {
            origin: Origin {
                file: Name::from("<code>"),
                field: Field::Code,
            },
            figure,
            stated,
            value,
            status: Status::Reported,
            source: source.into(),
            at: at.into(),
            note: None,
        })
    }
}

/// A relation a source states, with the value it states for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    /// What is related to what.
    pub relation: Relation,
    /// What was written.
    pub stated: Stated,
    /// The interval it allows (percent for `yoy`, `share` and `margin`).
    pub value: Bounded,
    /// Reported or forward-looking.
    pub status: Status,
    /// The source id.
    pub source: Name,
    /// Where in the source.
    pub at: Name,
    /// The dataset authors' note.
    pub note: Option<Box<str>>,
    /// Where in the dataset.
    pub origin: Origin,
}

/// A metric defined as a sum of other metrics of the same entity and
/// period (data/FORMAT.md, Definitions): wherever its operands are known,
/// the figures imply it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The metric defined.
    pub metric: Name,
    /// What it is: the metrics added and subtracted.
    pub sum: crate::expr::Sum,
    /// The file that defined it first.
    pub file: Name,
}

/// Everything loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Sources in load order.
    pub sources: Vec<Source>,
    /// Entities in load order.
    pub entities: Vec<Entity>,
    /// Stated facts in load order.
    pub facts: Vec<Fact>,
    /// Claims in load order.
    pub claims: Vec<Claim>,
    /// Metrics defined in terms of others, in load order, each once.
    pub definitions: Vec<Definition>,
    /// Where each entity is in `entities`, found when first asked for:
    /// figures look their entity up once or more each, and a screening
    /// dataset has thousands of entities. Build a dataset in code with
    /// `..Dataset::default()`.
    pub entity_index: EntityIndex,
}

/// The position of each entity id in [`Dataset::entities`], made when
/// first needed. It never decides equality, and a lookup it cannot answer
/// (an entity added after it was made) falls back to a scan.
#[derive(Clone, Debug, Default)]
pub struct EntityIndex(std::sync::OnceLock<std::collections::HashMap<String, usize>>);

impl PartialEq for EntityIndex {
    fn eq(&self, _: &EntityIndex) -> bool {
        true
    }
}

impl Eq for EntityIndex {}

/// Datasets with fewer entities are scanned, not indexed.
const SCANNED_ENTITIES: usize = 16;

impl Dataset {
    /// The bundled datasets.
    ///
    /// ```
    /// let data = earnings::Dataset::bundled().unwrap();
    /// assert!(data.entity("alibaba-cloud").is_some());
    /// ```
    pub fn bundled() -> Result<Dataset, DataError> {
        let inputs = BUNDLED.map(|(name, text)| Input {
            name,
            bytes: text.as_bytes(),
        });
        Dataset::load(&inputs)
    }

    /// Loads and merges documents, in order.
    ///
    /// ```
    /// use earnings::dataset::{Dataset, Input};
    /// let doc = br#"{"format": "earnings-dataset/1",
    ///   "sources": {"r": {"title": "Results", "kind": "release"}},
    ///   "entities": {"acme": {"name": "Acme", "currency": "USD"}},
    ///   "facts": [{"entity": "acme", "metric": "revenue", "period": "FY2025",
    ///              "value": 12.5, "scale": "billion", "unit": "USD", "source": "r", "at": "p. 1"}]}"#;
    /// let data = Dataset::load(&[Input { name: "acme.json", bytes: doc }]).unwrap();
    /// assert_eq!(data.facts[0].value.point().to_string(), "12500000000.0");
    /// ```
    pub fn load(inputs: &[Input<'_>]) -> Result<Dataset, DataError> {
        let documents: Vec<Document<'_>> = inputs.iter().copied().map(Document::Bytes).collect();
        Dataset::load_documents(&documents)
    }

    /// Loads and merges documents, in order, some of them read from files
    /// as they are parsed (a file's text is not held in memory).
    ///
    /// ```
    /// use earnings::dataset::{Dataset, Document};
    /// let file = std::fs::File::open("data/alibaba-article.json").unwrap();
    /// let data = Dataset::load_documents(&[Document::File {
    ///     name: "data/alibaba-article.json",
    ///     file: &file,
    /// }])
    /// .unwrap();
    /// assert!(data.entity("alibaba").is_some());
    /// ```
    pub fn load_documents(documents: &[Document<'_>]) -> Result<Dataset, DataError> {
        let mut loader = Loader::default();
        for document in documents {
            // A draft's marked fields are named all at once, not the first.
            match *document {
                Document::Bytes(input) => loader
                    .add(&input)
                    .map_err(|e| draft::unfilled(&input).unwrap_or(e))?,
                Document::File { name, file } => loader.add_file(name, file).map_err(|e| {
                    let bytes = stream::read_again(file).unwrap_or_default();
                    draft::unfilled(&Input {
                        name,
                        bytes: &bytes,
                    })
                    .unwrap_or(e)
                })?,
            }
        }
        loader.finish()
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        let scan = || self.entities.iter().find(|e| e.id == id);
        if self.entities.len() < SCANNED_ENTITIES {
            return scan();
        }
        let index = self.entity_index.0.get_or_init(|| {
            let mut index = std::collections::HashMap::with_capacity(self.entities.len());
            for (position, entity) in self.entities.iter().enumerate() {
                index.entry(entity.id.clone()).or_insert(position);
            }
            index
        });
        index
            .get(id)
            .and_then(|&position| self.entities.get(position))
            .filter(|e| e.id == id)
            .or_else(scan)
    }

    /// The definition of a metric, if the data gives one.
    pub fn definition(&self, metric: &str) -> Option<&Definition> {
        self.definitions.iter().find(|d| d.metric == metric)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// How much a source is trusted, then its id (the one that sorts first
    /// wins between equals, so that no order of loading decides): larger
    /// is preferred.
    pub fn preference(&self, source: &str) -> (u8, std::cmp::Reverse<usize>) {
        let Some(found) = self.sources.iter().find(|s| s.id == source) else {
            return (0, std::cmp::Reverse(usize::MAX));
        };
        let rank = self
            .sources
            .iter()
            .filter(|s| s.id.as_str() < source)
            .count();
        (found.kind.trust(), std::cmp::Reverse(rank))
    }

    /// The fiscal year end of an entity (December for an unknown one).
    pub fn fiscal_year_end(&self, entity: &str) -> FiscalYearEnd {
        self.entity(entity)
            .map_or(FiscalYearEnd::DECEMBER, |e| e.fiscal_year_end)
    }

    /// Whether `entity` is `ancestor` or one of its segments, at any depth.
    pub fn is_within(&self, entity: &str, ancestor: &str) -> bool {
        let mut current = Some(entity);
        // Parents were checked for cycles on load; the bound is a second guard.
        for _ in 0..=self.entities.len() {
            match current {
                Some(id) if id == ancestor => return true,
                Some(id) => current = self.entity(id).and_then(|e| e.parent.as_deref()),
                None => return false,
            }
        }
        false
    }
}

mod build;
mod load;
use load::Loader;
mod seed;
pub use seed::strip_position;

#[cfg(test)]
mod tests;
