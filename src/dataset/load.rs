//! Loading: documents read, their sources and entities defined once across
//! files, facts made as they are parsed, claims built, references checked.

use std::collections::{HashMap, HashSet};

use crate::error::DataError;
use crate::name::{Name, Names};
use crate::value::Unit;

use super::build::*;
use super::locate::{self, FieldPath, Segment};
use super::raw::{RawClaim, RawEntity, RawFact, RawSource, Token};
use super::seed::*;
use super::*;

/// A document being loaded, with what is needed to point at its fields.
pub(super) struct Loaded<'a> {
    pub(super) name: Name,
    pub(super) text: DocText<'a>,
}

/// A document's text: in memory, or in a file that was parsed as it was
/// read and is read again only to point at a field in an error.
pub(super) enum DocText<'a> {
    Here(&'a str),
    Owned(String),
    File(&'a std::fs::File),
}

impl DocText<'_> {
    /// The text (empty if a file can no longer be read: the error then
    /// names no line).
    pub(super) fn get(&self) -> std::borrow::Cow<'_, str> {
        match self {
            DocText::Here(text) => (*text).into(),
            DocText::Owned(text) => text.as_str().into(),
            DocText::File(file) => super::stream::read_again(file)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .unwrap_or_default()
                .into(),
        }
    }
}

impl Loaded<'_> {
    pub(super) fn error(&self, path: &FieldPath, message: impl Into<String>) -> DataError {
        DataError {
            file: self.name.to_string(),
            position: locate::locate(&self.text.get(), path),
            field: Some(path.to_string()),
            message: message.into(),
        }
    }
}

/// Sources or entities by id, with the document that defined each first.
pub(super) struct Definitions<T> {
    list: Vec<(String, T, usize)>,
    index: HashMap<String, usize>,
}

impl<T> Default for Definitions<T> {
    fn default() -> Self {
        Definitions {
            list: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: PartialEq> Definitions<T> {
    /// Adds a definition, refusing one that differs from an earlier one.
    fn define(
        &mut self,
        documents: &[Loaded<'_>],
        id: String,
        value: T,
        doc: usize,
        path: &FieldPath,
    ) -> Result<(), DataError> {
        let earlier = self.index.get(&id).and_then(|&i| self.list.get(i));
        match earlier {
            Some((_, earlier, _)) if *earlier == value => Ok(()),
            Some((_, _, earlier_doc)) => {
                let earlier = documents
                    .get(*earlier_doc)
                    .map_or("another file", |d| &d.name);
                let document = documents
                    .get(doc)
                    .ok_or_else(|| DataError::file("<dataset>", "internal: document lost"))?;
                Err(document.error(
                    path,
                    format!(
                        "{} is defined differently in {earlier} (an id may be repeated only with identical content)",
                        crate::shown::quoted(&id)
                    ),
                ))
            }
            None => {
                self.index.insert(id.clone(), self.list.len());
                self.list.push((id, value, doc));
                Ok(())
            }
        }
    }

    fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }
}

/// The first fact whose value cannot be read; the facts after it are not
/// kept, since loading fails at it if not before.
pub(super) struct Refused {
    doc: usize,
    index: usize,
    entity: Name,
    source: Name,
    field: &'static str,
    message: String,
}

/// Makes the facts of a dataset from facts as written, as soon as they are read.
#[derive(Default)]
pub(super) struct FactMaker {
    /// One name for each id, key, unit and place, shared by every fact.
    names: Names,
    /// The place of the last fact: places are shared only by neighbours
    /// (the facts of one page), and most facts cite a place of their own,
    /// so a set of every place would cost more than it shares.
    last_at: Option<Name>,
    /// The names and unit of the last fact: neighbours mostly share them,
    /// found again without hashing.
    last_entity: Option<Name>,
    last_metric: Option<Name>,
    last_source: Option<Name>,
    last_unit: Option<(Token, Unit)>,
    facts: Vec<Fact>,
    /// Where each run of facts of one entity and source starts: the pairs
    /// [`Loader::finish`] checks, without reading every fact again.
    runs: Vec<usize>,
    refused: Option<Refused>,
}

impl FactMaker {
    /// Makes a fact of one as written, as soon as it is read.
    pub(super) fn add(&mut self, raw: RawFact, file: &Name, doc: usize, index: usize) {
        if self.refused.is_some() {
            return;
        }
        let names = &mut self.names;
        let entity = again(&mut self.last_entity, raw.entity.0.as_str(), |text| {
            names.intern(text)
        });
        let source = again(&mut self.last_source, raw.source.as_str(), |text| {
            names.intern(text)
        });
        let refuse = |field, message| Refused {
            doc,
            index,
            entity: entity.clone(),
            source: source.clone(),
            field,
            message,
        };
        // Checked as it was read: this cannot fail.
        let unit = match &self.last_unit {
            Some((text, unit)) if *text == raw.unit.0 => unit.clone(),
            _ => match Unit::parse_with(raw.unit.0.as_str(), names) {
                Ok(unit) => {
                    self.last_unit = Some((raw.unit.0, unit.clone()));
                    unit
                }
                Err(e) => {
                    self.refused = Some(refuse("unit", e.to_string()));
                    return;
                }
            },
        };
        let stated = stated(
            &raw.value,
            raw.scale,
            unit,
            raw.bound,
            raw.high.as_ref(),
            raw.tolerance.as_ref(),
        );
        let value = match stated.interval() {
            Ok(value) => value,
            Err(e) => {
                self.refused = Some(refuse(value_field(&e), e.to_string()));
                return;
            }
        };
        let at = again(&mut self.last_at, raw.at.as_str(), |text| Name::from(text));
        let metric = again(&mut self.last_metric, raw.metric.0.as_str(), |text| {
            names.intern(text)
        });
        let same_run = self
            .facts
            .last()
            .is_some_and(|last| last.figure.entity == entity && last.source == source);
        if !same_run {
            self.runs.push(self.facts.len());
        }
        self.facts.push(Fact {
            figure: Reference {
                entity,
                metric,
                period: raw.period.0,
            },
            stated,
            value,
            status: raw.status.unwrap_or_default(),
            source,
            at,
            note: raw.note.map(String::into_boxed_str),
            origin: Origin {
                file: file.clone(),
                field: Field::Fact(u32::try_from(index).unwrap_or(u32::MAX)),
            },
        });
    }
}

/// The name of the last fact if it has this text, else one made by `make`
/// and kept as the last.
fn again(last: &mut Option<Name>, text: &str, make: impl FnOnce(&str) -> Name) -> Name {
    match last {
        Some(name) if name.as_str() == text => name.clone(),
        _ => {
            let name = make(text);
            *last = Some(name.clone());
            name
        }
    }
}

#[derive(Default)]
pub(super) struct Loader<'a> {
    pub(super) documents: Vec<Loaded<'a>>,
    sources: Definitions<RawSource>,
    entities: Definitions<RawEntity>,
    /// The facts, made as they are read, and where each document's begin.
    pub(super) maker: FactMaker,
    pub(super) first_fact: Vec<usize>,
    /// Each document's claims as read, with the document: kept as they
    /// came, not copied into one list.
    claims: Vec<(Vec<RawClaim>, usize)>,
    definitions: super::definitions::Definitions,
}

/// Documents at least this long have their facts made on a thread of their
/// own while the text is parsed.
pub(super) const PARALLEL_BYTES: usize = 1 << 20;

/// The fewest bytes a fact takes as JSON (its seven required fields, their
/// keys and quotes, empty): a document of N bytes holds at most N / this
/// many facts.
const FEWEST_FACT_BYTES: usize = 64;

/// Datasets with at least this many claims build them on two threads.
const PARALLEL_CLAIMS: usize = 4096;

/// Facts handed from the parser to that thread at a time.
pub(super) const BATCH: usize = 1024;

/// Where the facts of a document go as they are read: made at once, or
/// sent in batches to a thread that makes them (in order) while the parser
/// reads on.
pub(super) enum FactSink<'s> {
    Here {
        maker: &'s mut FactMaker,
        file: Name,
        doc: usize,
    },
    Thread {
        batch: Vec<(RawFact, usize)>,
        send: std::sync::mpsc::SyncSender<Vec<(RawFact, usize)>>,
    },
}

impl FactSink<'_> {
    pub(super) fn take(&mut self, raw: RawFact, index: usize) {
        match self {
            FactSink::Here { maker, file, doc } => maker.add(raw, file, *doc, index),
            FactSink::Thread { batch, send } => {
                batch.push((raw, index));
                if batch.len() >= BATCH {
                    let full = std::mem::replace(batch, Vec::with_capacity(BATCH));
                    // A maker gone means loading failed already.
                    let _ = send.send(full);
                }
            }
        }
    }

    fn flush(&mut self) {
        if let FactSink::Thread { batch, send } = self {
            if !batch.is_empty() {
                let _ = send.send(std::mem::take(batch));
            }
        }
    }
}

/// Parses a document with `parse`, its facts made by `maker`: on a thread
/// of their own while it parses when `parallel`.
pub(super) fn with_facts_made<T>(
    maker: &mut FactMaker,
    file: Name,
    doc: usize,
    parallel: bool,
    parse: impl FnOnce(&mut FactSink<'_>) -> T,
) -> T {
    if !parallel {
        return parse(&mut FactSink::Here { maker, file, doc });
    }
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(RawFact, usize)>>(4);
        scope.spawn(move || {
            for batch in receive {
                for (raw, index) in batch {
                    maker.add(raw, &file, doc, index);
                }
            }
        });
        let mut sink = FactSink::Thread {
            batch: Vec::with_capacity(BATCH),
            send,
        };
        let parsed = parse(&mut sink);
        sink.flush();
        // Dropping the sink closes the channel: the maker ends, and the
        // scope waits for it.
        drop(sink);
        parsed
    })
}

impl<'a> Loader<'a> {
    pub(super) fn add(&mut self, input: &Input<'a>) -> Result<(), DataError> {
        let text = checked_text(input.name, input.bytes)?;
        let doc = self.documents.len();
        self.documents.push(Loaded {
            name: Name::from(input.name),
            text: DocText::Here(text),
        });
        self.first_fact.push(self.maker.facts.len());
        let raw = self.parse(doc, text)?;
        self.define(doc, raw)
    }

    /// Parses a document of `len` bytes as quickly as it can, facts made
    /// as they are read: any error is only known to be one.
    pub(super) fn quick<'de, R: serde_json::de::Read<'de>>(
        &mut self,
        doc: usize,
        len: usize,
        read: R,
    ) -> Result<RawDocument, serde_json::Error> {
        let name = self
            .documents
            .get(doc)
            .map_or_else(|| Name::from("<dataset>"), |d| d.name.clone());
        let parallel = self.room_for(len);
        with_facts_made(&mut self.maker, name, doc, parallel, |facts| {
            let mut deserializer = serde_json::Deserializer::new(read);
            DocumentSeed { facts }
                .deserialize(&mut deserializer)
                .and_then(|raw| deserializer.end().map(|()| raw))
        })
    }

    /// Whether a document of `len` bytes is parsed on threads of its own;
    /// if so, room is made for the facts it may hold.
    pub(super) fn room_for(&mut self, len: usize) -> bool {
        let parallel = len >= PARALLEL_BYTES;
        if parallel {
            // Room for every fact the text can hold, taken at once: growing
            // by doubling would copy the facts and, while it copies, hold
            // the old list and the new one (the peak of a run). Memory
            // never written is never resident, and what is left over is
            // given back when loading ends.
            self.maker.facts.reserve(len / FEWEST_FACT_BYTES);
        }
        parallel
    }

    /// How many facts are made, and whether one was refused: what
    /// [`Loader::undo_facts`] goes back to.
    pub(super) fn facts_made(&self) -> (usize, bool) {
        (self.maker.facts.len(), self.maker.refused.is_some())
    }

    /// Forgets the facts made since there were `facts`, and a refusal
    /// among them if there was none before.
    pub(super) fn undo_facts(&mut self, facts: usize, refused: bool) {
        self.maker.facts.truncate(facts);
        let runs = self.maker.runs.partition_point(|&start| start < facts);
        self.maker.runs.truncate(runs);
        if !refused {
            self.maker.refused = None;
        }
    }

    /// Parses one document, turning serde's error into one that names the
    /// place.
    pub(super) fn parse(&mut self, doc: usize, text: &str) -> Result<RawDocument, DataError> {
        let name = self
            .documents
            .get(doc)
            .map_or_else(|| Name::from("<dataset>"), |d| d.name.clone());
        // serde would read a struct from an array too; a dataset is an object.
        let start = text.len().saturating_sub(text.trim_start().len());
        if text.trim_start().starts_with('[') {
            return Err(DataError {
                file: name.to_string(),
                position: Some(locate::line_column(text, start)),
                field: None,
                message: "expected a JSON object (a dataset), found an array".to_string(),
            });
        }
        let (facts, refused) = self.facts_made();
        if let Ok(raw) = self.quick(doc, text.len(), serde_json::de::StrRead::new(text)) {
            return Ok(raw);
        }
        // Again, keeping track of the path (which costs an allocation per
        // key), to say where the problem is.
        self.undo_facts(facts, refused);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let mut track = serde_path_to_error::Track::new();
        let tracked = serde_path_to_error::Deserializer::new(&mut deserializer, &mut track);
        let mut sink = FactSink::Here {
            maker: &mut self.maker,
            file: name.clone(),
            doc,
        };
        let result = DocumentSeed { facts: &mut sink }.deserialize(tracked);
        let raw = result.map_err(|inner| {
            let path = field_path(&track.path());
            let found = strip_position(&inner.to_string());
            let message = match inner.classify() {
                serde_json::error::Category::Eof => format!("{found} (the JSON is truncated)"),
                // Anything but an object at the top is not a dataset at all.
                serde_json::error::Category::Syntax if !text.trim_start().starts_with('{') => {
                    format!("not a JSON document: {}", explain_syntax(&found))
                }
                serde_json::error::Category::Syntax => explain_syntax(&found),
                _ if parser_places(&found) => {
                    format!("{found} (a key may be written only once in an object)")
                }
                _ => found.clone(),
            };
            // A bad value is found once it has been read, so serde_json's place
            // is its end: point at its start instead.
            let position = match inner.classify() {
                serde_json::error::Category::Data if !parser_places(&found) => {
                    locate::locate(text, &path)
                }
                serde_json::error::Category::Data => {
                    repeated_id(&found).and_then(|id| locate::locate_repeated_key(text, &path, &id))
                }
                _ => None,
            }
            .or(Some((inner.line(), inner.column())));
            DataError {
                file: name.to_string(),
                position,
                field: (!path.0.is_empty()).then(|| path.to_string()),
                message: shown_found(&message),
            }
        })?;
        deserializer.end().map_err(|e| DataError {
            file: name.to_string(),
            position: Some((e.line(), e.column())),
            field: None,
            message: format!(
                "{} (after the dataset object)",
                strip_position(&e.to_string())
            ),
        })?;
        Ok(raw)
    }

    /// Takes in a document's sources, entities and claims.
    pub(super) fn define(&mut self, doc: usize, raw: RawDocument) -> Result<(), DataError> {
        let document = self
            .documents
            .get(doc)
            .ok_or_else(|| DataError::file("<dataset>", "internal: document lost"))?;
        for (id, source) in raw.sources.0 {
            let path = FieldPath::new([Segment::Key("sources".into()), Segment::Key(id.clone())]);
            check_source_id(&id).map_err(|m| document.error(&path, m))?;
            self.sources
                .define(&self.documents, id, source, doc, &path)?;
        }
        for (id, entity) in raw.entities.0 {
            let path = FieldPath::new([Segment::Key("entities".into()), Segment::Key(id.clone())]);
            crate::reference::check_entity_id(&id)
                .map_err(|e| document.error(&path, e.to_string()))?;
            self.entities
                .define(&self.documents, id, entity, doc, &path)?;
        }
        self.definitions
            .add(&self.documents, doc, raw.definitions)?;
        self.claims.push((raw.claims, doc));
        Ok(())
    }

    fn document(&self, doc: usize) -> Result<&Loaded<'a>, DataError> {
        self.documents
            .get(doc)
            .ok_or_else(|| DataError::file("<dataset>", "internal: document index out of range"))
    }

    /// The document of a fact, and its index there.
    fn place(&self, position: usize) -> (usize, usize) {
        let doc = self
            .first_fact
            .partition_point(|&first| first <= position)
            .saturating_sub(1);
        let first = self.first_fact.get(doc).copied().unwrap_or(0);
        (doc, position.saturating_sub(first))
    }

    /// The error of a fact whose entity or source is not defined, if it is.
    fn undefined(
        &self,
        entities: &foldhash::HashSet<&str>,
        (doc, index): (usize, usize),
        entity: &str,
        source: &str,
    ) -> Result<(), DataError> {
        let path = FieldPath::new([Segment::Key("facts".into()), Segment::Index(index)]);
        if !entities.contains(entity) {
            return Err(self.document(doc)?.error(
                &path.key("entity"),
                format!(
                    "entity {} is not defined in \"entities\"{}",
                    crate::shown::quoted(entity),
                    closest_entity(entity, entities)
                ),
            ));
        }
        if !self.sources.contains(source) {
            return Err(self.document(doc)?.error(
                &path.key("source"),
                format!(
                    "source {} is not defined in \"sources\"",
                    crate::shown::quoted(source)
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<Dataset, DataError> {
        let entities = self.resolve_entities()?;
        let entity_ids: foldhash::HashSet<&str> = entities.iter().map(|e| e.id.as_str()).collect();
        let known_entity = |id: &str| entity_ids.contains(id);
        let known_source = |id: &str| self.sources.contains(id);

        // Neighbouring facts most often share their entity and source
        // (shared names, compared by pointer first): each pair is looked up
        // once a run.
        let facts = &self.maker.facts;
        let runs = self
            .maker
            .runs
            .iter()
            .filter_map(|&at| Some((at, facts.get(at)?)));
        for (position, fact) in runs {
            if !known_entity(&fact.figure.entity) || !known_source(&fact.source) {
                self.undefined(
                    &entity_ids,
                    self.place(position),
                    &fact.figure.entity,
                    &fact.source,
                )?;
            }
        }
        if let Some(refused) = &self.maker.refused {
            let place = (refused.doc, refused.index);
            self.undefined(&entity_ids, place, &refused.entity, &refused.source)?;
            let path =
                FieldPath::new([Segment::Key("facts".into()), Segment::Index(refused.index)]);
            return Err(self
                .document(refused.doc)?
                .error(&path.key(refused.field), refused.message.clone()));
        }

        let mut names = std::mem::take(&mut self.maker.names);
        let mut raw_claims = std::mem::take(&mut self.claims);
        let claims = self.claims(&mut raw_claims, &entity_ids, &mut names)?;
        drop(raw_claims);

        let definitions = std::mem::take(&mut self.definitions).finish(&self.documents)?;
        let sources = self
            .sources
            .list
            .into_iter()
            .map(|(id, raw, _)| Source {
                id,
                title: raw.title,
                kind: raw.kind,
                publisher: raw.publisher,
                published: raw.published.map(|p| p.0.0),
                url: raw.url,
                note: raw.note,
            })
            .collect();
        let mut facts = self.maker.facts;
        facts.shrink_to_fit();
        Ok(Dataset {
            sources,
            entities,
            facts,
            claims,
            definitions,
            entity_index: super::EntityIndex::default(),
        })
    }

    /// The claims built from their raw fields, in order: the first half on
    /// a thread of its own when there are many (the other core is idle
    /// while the facts are indexed). An error is the first in order.
    fn claims(
        &self,
        raw: &mut [(Vec<RawClaim>, usize)],
        entity_ids: &foldhash::HashSet<&str>,
        names: &mut Names,
    ) -> Result<Vec<Claim>, DataError> {
        // The claims in two parts (the second empty when there are few),
        // each a list of runs of one document's claims as read, with the
        // document and the index of the run's first claim there: no claim
        // as read is copied (a hundred thousand of them are tens of
        // megabytes).
        let total = raw.iter().map(|(claims, _)| claims.len()).sum::<usize>();
        let mut left = if total < PARALLEL_CLAIMS {
            total
        } else {
            total / 2
        };
        let (mut head, mut tail) = (Vec::new(), Vec::new());
        for (claims, doc) in raw {
            let cut = left.min(claims.len());
            let (before, after) = claims.split_at_mut(cut);
            left = left.saturating_sub(before.len());
            let offset = before.len();
            head.push((before, *doc, 0));
            tail.push((after, *doc, offset));
        }
        let build = |part: Vec<(&mut [RawClaim], usize, usize)>,
                     claims: &mut Vec<Claim>,
                     names: &mut Names| {
            for (run, doc, offset) in part {
                for (i, raw) in run.iter_mut().enumerate() {
                    let index = offset.saturating_add(i);
                    claims.push(self.claim(raw, doc, index, entity_ids, names)?);
                    release(raw);
                }
            }
            Ok(())
        };
        let mut claims = Vec::with_capacity(total);
        if total < PARALLEL_CLAIMS {
            build(head, &mut claims, names)?;
            return Ok(claims);
        }
        let mut later = Vec::with_capacity(total.saturating_sub(total / 2));
        // The names the facts share are shared by both halves.
        let mut their_names = names.clone();
        let mut first = Ok(());
        let then = std::thread::scope(|scope| {
            scope.spawn(|| first = build(head, &mut claims, &mut their_names));
            build(tail, &mut later, names)
        });
        first?;
        then?;
        claims.append(&mut later);
        Ok(claims)
    }

    /// One claim built from its raw fields: its relation, references that
    /// name defined entities, a defined source, a unit its kind allows.
    fn claim(
        &self,
        raw: &RawClaim,
        doc: usize,
        index: usize,
        entity_ids: &foldhash::HashSet<&str>,
        names: &mut Names,
    ) -> Result<Claim, DataError> {
        let known_source = |id: &str| self.sources.contains(id);
        let document = self.document(doc)?;
        // Made only for an error.
        let path = || FieldPath::new([Segment::Key("claims".into()), Segment::Index(index)]);
        let relation =
            relation(raw, names).map_err(|(field, m)| document.error(&path().key(field), m))?;
        let mut references: Vec<(&str, &Reference)> = Vec::new();
        references.extend(raw.of.as_ref().map(|o| ("of", &o.0)));
        references.extend(raw.whole.as_ref().map(|w| ("whole", &w.0)));
        references.extend(raw.base.as_ref().map(|b| ("base", &b.0)));
        let written = relation.expression().map(|e| e.written_figures());
        references.extend(written.into_iter().flatten().map(|r| ("expr", r)));
        for (field, reference) in references {
            if !entity_ids.contains(reference.entity.as_str()) {
                return Err(document.error(
                    &path().key(field),
                    format!(
                        "{reference} names entity {}, which is not defined in \"entities\"{}",
                        crate::shown::quoted(&reference.entity),
                        closest_entity(&reference.entity, entity_ids)
                    ),
                ));
            }
        }
        if !known_source(&raw.source) {
            return Err(document.error(
                &path().key("source"),
                format!(
                    "source {} is not defined in \"sources\"",
                    crate::shown::quoted(&raw.source)
                ),
            ));
        }
        let stated = stated(
            &raw.value,
            raw.scale,
            raw.unit.0.clone(),
            raw.bound,
            raw.high.as_ref(),
            raw.tolerance.as_ref(),
        );
        relation
            .check_unit(&stated.unit)
            .map_err(|m| document.error(&path().key("unit"), m))?;
        let value = stated
            .interval()
            .map_err(|e| document.error(&path().key(value_field(&e)), e.to_string()))?;
        Ok(Claim {
            relation,
            stated,
            value,
            status: raw.status.unwrap_or_default(),
            source: names.intern(&raw.source),
            // Most claims cite a place of their own: not looked up.
            at: Name::from(raw.at.as_str()),
            note: raw.note.clone().map(String::into_boxed_str),
            origin: Origin {
                file: document.name.clone(),
                field: Field::Claim(u32::try_from(index).unwrap_or(u32::MAX)),
            },
        })
    }

    /// Checks parents (defined, no cycles) and fills in inherited currency and
    /// fiscal year end.
    fn resolve_entities(&self) -> Result<Vec<Entity>, DataError> {
        let raw: HashMap<&str, (&RawEntity, usize)> = self
            .entities
            .list
            .iter()
            .map(|(id, e, doc)| (id.as_str(), (e, *doc)))
            .collect();
        let mut resolved = Vec::with_capacity(self.entities.list.len());
        for (id, entity, doc) in &self.entities.list {
            let path = FieldPath::new([Segment::Key("entities".into()), Segment::Key(id.clone())]);
            let mut currency = entity.currency.as_ref().map(|c| c.0.clone());
            let mut fiscal_year_end = entity.fiscal_year_end.as_ref().map(|f| f.0);
            let mut seen: HashSet<&str> = HashSet::from([id.as_str()]);
            let mut parent = entity.parent.as_ref().map(|p| p.0.as_str());
            let mut child = id.as_str();
            while let Some(parent_id) = parent {
                let Some((parent_entity, _)) = raw.get(parent_id) else {
                    let (_, child_doc) = raw.get(child).copied().unwrap_or((entity, *doc));
                    let child_path = FieldPath::new([
                        Segment::Key("entities".into()),
                        Segment::Key(child.to_string()),
                        Segment::Key("parent".into()),
                    ]);
                    return Err(self.document(child_doc)?.error(
                        &child_path,
                        format!(
                            "parent {} is not defined in \"entities\"",
                            crate::shown::quoted(parent_id)
                        ),
                    ));
                };
                if !seen.insert(parent_id) {
                    let message = if parent_id == id {
                        if child == id {
                            format!("entity {} is its own parent", crate::shown::quoted(id))
                        } else {
                            format!(
                                "entity {} is its own ancestor (a cycle of parents)",
                                crate::shown::quoted(id)
                            )
                        }
                    } else {
                        format!(
                            "the parents of {} form a cycle through {}",
                            crate::shown::quoted(id),
                            crate::shown::quoted(parent_id)
                        )
                    };
                    return Err(self.document(*doc)?.error(&path.key("parent"), message));
                }
                if currency.is_none() {
                    currency = parent_entity.currency.as_ref().map(|c| c.0.clone());
                }
                if fiscal_year_end.is_none() {
                    fiscal_year_end = parent_entity.fiscal_year_end.as_ref().map(|f| f.0);
                }
                child = parent_id;
                parent = parent_entity.parent.as_ref().map(|p| p.0.as_str());
            }
            let currency = match currency {
                Some(Unit::Currency(code)) => Some(code.to_string()),
                Some(other) => {
                    return Err(self.document(*doc)?.error(
                        &path.key("currency"),
                        format!(
                            "{} is not a currency code (expected an ISO 4217 code in capitals, e.g. CNY or USD)",
                            crate::shown::quoted(&other.to_string())
                        ),
                    ));
                }
                None => None,
            };
            resolved.push(Entity {
                id: id.clone(),
                name: entity.name.clone(),
                currency,
                fiscal_year_end: fiscal_year_end.unwrap_or_default(),
                parent: entity.parent.as_ref().map(|p| p.0.as_str().to_string()),
            });
        }
        Ok(resolved)
    }
}

/// Frees what a claim as read holds apart from itself, once its claim is
/// built: the memory is used again by what is built next.
fn release(raw: &mut RawClaim) {
    raw.of = None;
    raw.whole = None;
    raw.base = None;
    raw.expr = None;
    raw.note = None;
    raw.source = String::new();
    raw.at = String::new();
}

/// The text of a document's bytes: refused with the place of the problem
/// when it has a byte order mark, is not UTF-8 or holds nothing.
pub(super) fn checked_text<'t>(name: &str, bytes: &'t [u8]) -> Result<&'t str, DataError> {
    if let Some(message) = byte_order_mark(bytes) {
        return Err(DataError {
            file: name.to_string(),
            position: Some((1, 1)),
            field: None,
            message,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let (line, column) =
                locate::line_column(std::str::from_utf8(valid).unwrap_or_default(), valid.len());
            return Err(DataError {
                file: name.to_string(),
                position: Some((line, column)),
                field: None,
                message: format!(
                    "not UTF-8 text (invalid byte at offset {}); a dataset is a UTF-8 JSON document",
                    e.valid_up_to()
                ),
            });
        }
    };
    if text.trim().is_empty() {
        return Err(DataError::file(
            name,
            format!("empty file (expected a JSON object with \"format\": \"{FORMAT}\")"),
        ));
    }
    Ok(text)
}

/// A byte order mark says what the file is before any JSON is read: UTF-16
/// and UTF-32 are not UTF-8, and a UTF-8 mark is not JSON (RFC 8259 §8.1).
pub(super) fn byte_order_mark(bytes: &[u8]) -> Option<String> {
    let utf32 = bytes.starts_with(&[0x00, 0x00, 0xFE, 0xFF])
        || bytes.starts_with(&[0xFF, 0xFE, 0x00, 0x00]);
    let utf16 = bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]);
    if utf32 || utf16 {
        let encoding = if utf32 { "UTF-32" } else { "UTF-16" };
        Some(format!(
            "the file is {encoding} text (it starts with a {encoding} byte order mark); a dataset is UTF-8 JSON: save it as UTF-8"
        ))
    } else if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Some("the file starts with a byte order mark (U+FEFF), which is not JSON: save it as UTF-8 without BOM".to_string())
    } else {
        None
    }
}

/// serde_json's terse syntax messages, with what was expected spelled out.
pub(super) fn explain_syntax(message: &str) -> String {
    match message {
        // "ident" is serde_json's word for true, false and null.
        "expected value" | "expected ident" => {
            "expected a JSON value (an object, an array, a string, a number, true, false or null)"
                .to_string()
        }
        "invalid escape" => format!(
            "{message} (expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX in a string)"
        ),
        "invalid number" => format!(
            "{message} (expected digits with an optional sign, point and exponent; NaN and Infinity are not JSON numbers)"
        ),
        "recursion limit exceeded" => {
            "nested too deeply (more than 128 levels of arrays and objects)".to_string()
        }
        "key must be a string" => format!("{message} (expected a quoted key, e.g. \"facts\")"),
        _ => message.to_string(),
    }
}

/// Errors the parser finds at a precise place (a key written twice): its
/// own line and column are better than the start of the enclosing value.
pub(super) fn parser_places(message: &str) -> bool {
    message.starts_with("duplicate field") || message.ends_with("is defined twice")
}

/// A message of serde's with the dataset's text in it (`unknown variant
/// `…`, expected …`) with that text as [`crate::shown::text`] shows it.
fn shown_found(message: &str) -> String {
    const QUOTED: [(&str, &str); 7] = [
        ("unknown variant `", "`, expected"),
        ("unknown field `", "`, expected"),
        ("unknown field `", "`, there are no fields"),
        ("duplicate field `", "`"),
        ("invalid type: string \"", "\", expected"),
        ("invalid value: string \"", "\", expected"),
        ("id \"", "\" is defined twice"),
    ];
    for (open, close) in QUOTED {
        let start = message.find(open).and_then(|i| i.checked_add(open.len()));
        let end = message.rfind(close);
        if let (Some(start), Some(end)) = (start, end)
            && start <= end
            && let (Some(before), Some(found), Some(after)) = (
                message.get(..start),
                message.get(start..end),
                message.get(end..),
            )
        {
            return format!("{before}{}{after}", crate::shown::text(found));
        }
    }
    message.to_string()
}

/// The id of an `id "…" is defined twice` message.
pub(super) fn repeated_id(message: &str) -> Option<String> {
    let quoted = message
        .strip_prefix("id ")?
        .strip_suffix(" is defined twice")?;
    serde_json::from_str(quoted).ok()
}

/// ` (did you mean 'x'?)` with the defined entity id closest to `id`, or
/// nothing; the ids in order, so that the same data gives the same message.
fn closest_entity(id: &str, defined: &foldhash::HashSet<&str>) -> String {
    let mut ids: Vec<String> = defined.iter().map(|d| (*d).to_string()).collect();
    ids.sort();
    crate::suggest::did_you_mean(id, &ids)
}
