//! The document's streaming reader: facts are handed on as they are parsed,
//! the rest of the document is kept for the loader.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::load::*;
use super::locate::{FieldPath, Segment};
use super::raw::{self, RawClaim, RawEntity, RawFact, RawSource, UniqueMap};

/// What a document holds besides its facts, which are made as they are
/// read ([`FactsSeed`]).
pub(super) struct RawDocument {
    pub(super) sources: UniqueMap<RawSource>,
    pub(super) entities: UniqueMap<RawEntity>,
    pub(super) definitions: UniqueMap<raw::DefinitionText>,
    pub(super) claims: Vec<RawClaim>,
}

/// The fields of a document, as [`super::raw::RawDataset`] has them.
#[derive(Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
pub(super) enum DocumentField {
    Format,
    Sources,
    Entities,
    Definitions,
    Facts,
    Claims,
}

/// The fields of a document, in the order [`super::raw::RawDataset`] has them.
pub(super) const DOCUMENT_FIELDS: &[&str] = &[
    "format",
    "sources",
    "entities",
    "definitions",
    "facts",
    "claims",
];

/// Reads a document as [`super::raw::RawDataset`] describes it (and as serde would
/// derive it: the same messages for unknown, repeated and missing fields),
/// handing each fact to the loader as soon as it is read, so that a
/// million facts are never held twice.
pub(super) struct DocumentSeed<'l, 's> {
    pub(super) facts: &'l mut FactSink<'s>,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_> {
    type Value = RawDocument;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawDocument, D::Error> {
        deserializer.deserialize_struct("RawDataset", DOCUMENT_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_> {
    type Value = RawDocument;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(raw::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDocument, A::Error> {
        let mut format = None;
        let mut sources = None;
        let mut entities = None;
        let mut definitions = None;
        let mut facts = false;
        let mut claims = None;
        while let Some(key) = map.next_key::<DocumentField>()? {
            match key {
                DocumentField::Format if format.is_some() => {
                    return Err(de::Error::duplicate_field("format"));
                }
                DocumentField::Format => format = Some(map.next_value::<raw::FormatTag>()?),
                DocumentField::Sources if sources.is_some() => {
                    return Err(de::Error::duplicate_field("sources"));
                }
                DocumentField::Sources => sources = Some(map.next_value()?),
                DocumentField::Entities if entities.is_some() => {
                    return Err(de::Error::duplicate_field("entities"));
                }
                DocumentField::Entities => entities = Some(map.next_value()?),
                DocumentField::Definitions if definitions.is_some() => {
                    return Err(de::Error::duplicate_field("definitions"));
                }
                DocumentField::Definitions => definitions = Some(map.next_value()?),
                DocumentField::Facts if facts => {
                    return Err(de::Error::duplicate_field("facts"));
                }
                DocumentField::Facts => {
                    facts = true;
                    map.next_value_seed(FactsSeed {
                        facts: &mut *self.facts,
                    })?;
                }
                DocumentField::Claims if claims.is_some() => {
                    return Err(de::Error::duplicate_field("claims"));
                }
                DocumentField::Claims => claims = Some(map.next_value()?),
            }
        }
        if format.is_none() {
            return Err(de::Error::missing_field("format"));
        }
        Ok(RawDocument {
            sources: sources.unwrap_or_default(),
            entities: entities.unwrap_or_default(),
            definitions: definitions.unwrap_or_default(),
            claims: claims.unwrap_or_default(),
        })
    }
}

/// Reads the `facts` list, making each fact as it is read.
pub(super) struct FactsSeed<'l, 's> {
    facts: &'l mut FactSink<'s>,
}

impl<'de> DeserializeSeed<'de> for FactsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FactsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while let Some(fact) = seq.next_element::<RawFact>()? {
            self.facts.take(fact, index);
            index = index.saturating_add(1);
        }
        Ok(())
    }
}

pub(super) fn field_path(path: &serde_path_to_error::Path) -> FieldPath {
    FieldPath::new(path.iter().filter_map(|segment| match segment {
        serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
        serde_path_to_error::Segment::Map { key } => Some(Segment::Key(key.clone())),
        serde_path_to_error::Segment::Enum { variant } => Some(Segment::Key(variant.clone())),
        serde_path_to_error::Segment::Unknown => None,
    }))
}

/// serde_json appends " at line L column C"; the position is printed on its own.
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}
