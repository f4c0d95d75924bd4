//! A document in a file read in blocks, its `facts` and `claims` parsed on
//! two threads while the file is read.
//!
//! Each list is cut into runs of whole elements, each run parsed from its
//! own bytes (serde_json reading text in memory, much faster than reading
//! a stream; a fact written the plain way is read without it, see
//! `blocks/quick.rs`) and the results taken in order: the facts made one
//! by one as they come, the claims kept. Where a run ends is a guess (a
//! `}`, a comma and a `{`, or a `}` and a `]`, which a string may hold
//! too), and the parse of the run before confirms it: that run must end
//! exactly there.
//! The other members are found by a scanner that knows strings and their
//! escapes, and read by their own types. The JSON grammar is serde_json's:
//! the scanner only finds where values start and end.
//!
//! Anything this reading does not expect (any error, a guess not
//! confirmed, a key written twice, a list that is not an array) gives up,
//! and the document is read again as a stream, then whole if that fails
//! too, so that what loads and every error are as they were.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc::sync_channel;

use serde::de::DeserializeOwned;

mod quick;

use super::load::FactMaker;
use super::raw::{self, RawClaim, RawEntity, RawFact, RawSource, UniqueMap};
use super::seed::{DocumentField, RawDocument};
use crate::name::Name;

/// How a file is cut: the most bytes read at a time, and the least length
/// of a run of elements.
#[derive(Clone, Copy, Debug)]
pub(super) struct Sizes {
    pub(super) read: usize,
    pub(super) run: usize,
}

/// The sizes a file is cut to: runs of a few hundred facts, a few of them
/// in flight at a time, every buffer small enough that the allocator serves
/// it from its heap (see [`PIECE`]).
pub(super) const SIZES: Sizes = Sizes {
    read: 1 << 15,
    run: 1 << 16,
};

/// Bytes read at a time past a run's least length, to find its end.
const EXTEND: usize = 1 << 12;

/// Runs waiting for each worker, and parsed runs waiting to be taken.
const QUEUE: usize = 1;

#[cfg(test)]
thread_local! {
    /// Sizes and threading set by a test, so that tiny blocks cut every
    /// document at every place.
    pub(super) static TEST_CUT: std::cell::Cell<Option<(Sizes, bool)>> =
        const { std::cell::Cell::new(None) };
}

/// The sizes a document is cut to, and whether it is parsed on threads of
/// its own: a small one is not worth them.
pub(super) fn cut(parallel: bool) -> (Sizes, bool) {
    #[cfg(test)]
    if let Some(set) = TEST_CUT.with(std::cell::Cell::get) {
        return set;
    }
    (SIZES, parallel)
}

/// Whitespace as JSON has it.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

/// The first place at or after `at` that is not whitespace.
fn skip_space(bytes: &[u8], at: usize) -> usize {
    let spaces = bytes
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|b| is_space(**b)).count());
    at.saturating_add(spaces)
}

/// Finds where one JSON value ends, from bytes that may come in several
/// reads, knowing strings and their escapes; it checks nothing (the
/// value's reader does).
struct ValueEnd {
    start: usize,
    at: usize,
    depth: usize,
    string: bool,
    escape: bool,
}

impl ValueEnd {
    /// A scanner for the value starting at `start`.
    fn new(start: usize) -> ValueEnd {
        ValueEnd {
            start,
            at: start,
            depth: 0,
            string: false,
            escape: false,
        }
    }

    /// Where the value ends (the place after it), if `bytes` hold its end;
    /// else the scan goes on from where it stopped when more are read.
    fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        let first = *bytes.get(self.start)?;
        let start_of_rest = self.at;
        let rest = bytes.get(self.at..)?;
        if !matches!(first, b'"' | b'{' | b'[') {
            // A number, true, false or null: up to what may follow a value.
            let delimiter = |b: &u8| is_space(*b) || matches!(b, b',' | b'}' | b']');
            let found = rest.iter().position(delimiter);
            self.at = bytes.len();
            return found.map(|i| start_of_rest.saturating_add(i));
        }
        for (i, &byte) in rest.iter().enumerate() {
            let place = self.at.saturating_add(i);
            if self.string {
                if self.escape {
                    self.escape = false;
                } else if byte == b'\\' {
                    self.escape = true;
                } else if byte == b'"' {
                    self.string = false;
                    if self.depth == 0 {
                        return Some(place.saturating_add(1));
                    }
                }
                continue;
            }
            match byte {
                b'"' => self.string = true,
                b'{' | b'[' => self.depth = self.depth.saturating_add(1),
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return Some(place.saturating_add(1));
                    }
                }
                _ => {}
            }
        }
        self.at = bytes.len();
        None
    }
}

/// The first place at or after `from` where one element of a list may end
/// and the next begin (`}`, whitespace, a comma, whitespace, `{`): the
/// place of that `{`; else where to look again once more is read.
fn next_start(bytes: &[u8], from: usize) -> Result<usize, usize> {
    let mut at = from;
    loop {
        let Some(close) = bytes
            .get(at..)
            .and_then(|rest| memchr::memchr(b'}', rest))
            .map(|i| at.saturating_add(i))
        else {
            return Err(at.max(bytes.len()));
        };
        let comma = skip_space(bytes, close.saturating_add(1));
        match bytes.get(comma) {
            None => return Err(close),
            Some(b',') => {
                let open = skip_space(bytes, comma.saturating_add(1));
                match bytes.get(open) {
                    None => return Err(close),
                    Some(b'{') => return Ok(open),
                    Some(_) => {}
                }
            }
            Some(_) => {}
        }
        at = close.saturating_add(1);
    }
}

/// The first `]` between `from` and `to` that follows a `}` and
/// whitespace: where a list of objects may end.
fn list_end(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let region = bytes.get(from..to)?;
    memchr::memchr_iter(b']', region)
        .map(|i| from.saturating_add(i))
        .find(|&end| {
            let before = bytes.get(..end).unwrap_or_default();
            let spaces = before.iter().rev().take_while(|b| is_space(**b)).count();
            before.iter().rev().nth(spaces) == Some(&b'}')
        })
}

/// The lists whose elements are parsed in runs.
#[derive(Clone, Copy)]
enum List {
    Facts,
    Claims,
}

/// Whole elements of a list, cut from the document: followed by more (a
/// comma ends it), or its last.
struct Run {
    list: List,
    bytes: Vec<u8>,
    last: bool,
}

/// A run parsed, or found not to be what was guessed.
enum Parsed {
    Facts(Pieces<RawFact>),
    Claims(Pieces<RawClaim>),
    Wrong,
}

/// Elements read, in pieces of at most [`PIECE`].
type Pieces<T> = Vec<Vec<T>>;

/// The most elements held in one allocation: small enough that the
/// allocator serves it from its heap, as it does the rest of loading,
/// never mapping memory of its own for it (unmapping it would change how
/// the allocator serves every later allocation, and the peak of a run).
const PIECE: usize = 128;

fn parse_run(run: Run) -> Parsed {
    match run.list {
        List::Facts => elements(&run.bytes, run.last).map_or(Parsed::Wrong, Parsed::Facts),
        List::Claims => elements(&run.bytes, run.last).map_or(Parsed::Wrong, Parsed::Claims),
    }
}

/// An element of a list, read the quick way where it can be.
trait Element: DeserializeOwned {
    /// The element that `text` starts with and where it ends, where it is
    /// read without serde; else serde reads it.
    fn quick(_text: &str) -> Option<(Self, usize)> {
        None
    }
}

impl Element for RawFact {
    fn quick(text: &str) -> Option<(Self, usize)> {
        quick::fact(text)
    }
}

impl Element for RawClaim {}

/// The elements of a run, each read from where the one before ended: none
/// unless the run is whole elements separated by commas, with a comma after
/// the last one if the list goes on.
fn elements<T: Element>(bytes: &[u8], last: bool) -> Option<Pieces<T>> {
    // Checked once as a whole, not string by string as they are read: a
    // run is cut between elements, so a valid document's runs are text.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut read: Pieces<T> = Vec::new();
    let mut at = 0;
    loop {
        let rest = text.get(at..)?;
        let (element, len) = match T::quick(rest) {
            Some(read) => read,
            None => {
                let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
                let element = stream.next()?.ok()?;
                (element, stream.byte_offset())
            }
        };
        match read.last_mut() {
            Some(piece) if piece.len() < PIECE => piece.push(element),
            _ => {
                let mut piece = Vec::with_capacity(PIECE);
                piece.push(element);
                read.push(piece);
            }
        }
        at = skip_space(bytes, at.saturating_add(len));
        match bytes.get(at) {
            None => return last.then_some(read),
            Some(b',') => {
                at = skip_space(bytes, at.saturating_add(1));
                if at >= bytes.len() {
                    return (!last).then_some(read);
                }
            }
            Some(_) => return None,
        }
    }
}

/// Takes parsed runs in order: facts made as they come, claims kept.
struct Taker<'m> {
    maker: &'m mut FactMaker,
    file: Name,
    doc: usize,
    index: usize,
    claims: Vec<RawClaim>,
    wrong: bool,
}

impl Taker<'_> {
    fn take(&mut self, parsed: Parsed) {
        match parsed {
            Parsed::Facts(facts) => {
                for raw in facts.into_iter().flatten() {
                    self.maker.add(raw, &self.file, self.doc, self.index);
                    self.index = self.index.saturating_add(1);
                }
            }
            Parsed::Claims(claims) => self.claims.extend(claims.into_iter().flatten()),
            Parsed::Wrong => self.wrong = true,
        }
    }
}

/// The members of a document but its lists.
#[derive(Default)]
struct Members {
    format: bool,
    sources: UniqueMap<RawSource>,
    entities: UniqueMap<RawEntity>,
    definitions: UniqueMap<raw::DefinitionText>,
}

/// Reads a document from `file` in blocks, its facts made by `maker` as
/// they are parsed (on threads of their own when `parallel`): none if
/// anything is not as expected, and the facts made are then to be undone.
pub(super) fn read(
    file: &File,
    (sizes, parallel): (Sizes, bool),
    maker: &mut FactMaker,
    name: Name,
    doc: usize,
) -> Option<RawDocument> {
    let mut taker = Taker {
        maker,
        file: name,
        doc,
        index: 0,
        claims: Vec::new(),
        wrong: false,
    };
    let reader = Reader::new(file, sizes);
    let members = if parallel {
        in_parallel(reader, &mut taker)
    } else {
        reader.document(&mut |run| {
            taker.take(parse_run(run));
            !taker.wrong
        })
    }?;
    if taker.wrong {
        return None;
    }
    Some(RawDocument {
        sources: members.sources,
        entities: members.entities,
        definitions: members.definitions,
        claims: taker.claims,
    })
}

/// Reads a document on a thread of its own, which parses every other run
/// itself and hands the others to a second thread; this one takes the
/// parsed runs in order, in the same turns. (Two threads besides this
/// one: each thread started costs memory of its own for the rest of a run,
/// its stack and the allocator's arena.)
fn in_parallel(reader: Reader<'_>, taker: &mut Taker<'_>) -> Option<Members> {
    std::thread::scope(|scope| {
        let (job, runs) = sync_channel::<Run>(QUEUE);
        let (handed, handed_parsed) = sync_channel::<Parsed>(QUEUE);
        let (kept, kept_parsed) = sync_channel::<Parsed>(QUEUE);
        scope.spawn(move || {
            for run in runs {
                let parsed = parse_run(run);
                let wrong = matches!(parsed, Parsed::Wrong);
                // A taker gone has given up.
                if handed.send(parsed).is_err() || wrong {
                    break;
                }
            }
        });
        let reading = scope.spawn(move || {
            let mut keep = false;
            reader.document(&mut |run| {
                keep = !keep;
                if keep {
                    let parsed = parse_run(run);
                    let wrong = matches!(parsed, Parsed::Wrong);
                    kept.send(parsed).is_ok() && !wrong
                } else {
                    // A worker gone has found its run wrong.
                    job.send(run).is_ok()
                }
            })
        });
        // The first run is parsed by the reader, the next by the worker,
        // and so on, until one of them has no more.
        for parsed in [&kept_parsed, &handed_parsed].iter().cycle() {
            match parsed.recv() {
                Ok(parsed) => taker.take(parsed),
                Err(_) => break,
            }
            if taker.wrong {
                break;
            }
        }
        drop((kept_parsed, handed_parsed));
        // Nothing panics there, but a panic would be a document not read.
        reading.join().ok()?
    })
}

/// A document read from its file block by block.
struct Reader<'f> {
    file: &'f File,
    sizes: Sizes,
    /// What is read and not yet taken, from the start of the value being
    /// read (or the run being cut).
    buffer: Vec<u8>,
    /// The place in `buffer` of the next byte to read.
    at: usize,
    end: bool,
    failed: bool,
}

impl<'f> Reader<'f> {
    fn new(file: &'f File, sizes: Sizes) -> Reader<'f> {
        Reader {
            file,
            sizes: Sizes {
                read: sizes.read.max(1),
                run: sizes.run.max(1),
            },
            buffer: Vec::with_capacity(sizes.run.saturating_add(sizes.read)),
            at: 0,
            end: false,
            failed: false,
        }
    }

    /// Reads up to `want` more bytes (at most a block): false at the end of
    /// the file or on an error (which reading the file again tells).
    fn fill(&mut self, want: usize) -> bool {
        if self.end {
            return false;
        }
        let len = self.buffer.len();
        self.buffer
            .resize(len.saturating_add(want.clamp(1, self.sizes.read)), 0);
        let mut file = self.file;
        let got = loop {
            match file.read(self.buffer.get_mut(len..).unwrap_or_default()) {
                Ok(got) => break got,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => {
                    self.failed = true;
                    break 0;
                }
            }
        };
        self.buffer.truncate(len.saturating_add(got));
        self.end = got == 0;
        !self.end
    }

    /// The next byte that is not whitespace, read if need be, not taken.
    fn peek(&mut self) -> Option<u8> {
        loop {
            self.at = skip_space(&self.buffer, self.at);
            if let Some(&byte) = self.buffer.get(self.at) {
                return Some(byte);
            }
            if !self.fill(self.sizes.read) {
                return None;
            }
        }
    }

    /// Takes the next byte that is not whitespace if it is `byte`.
    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at = self.at.saturating_add(1))
    }

    /// The value that starts at the next byte that is not whitespace, taken
    /// and read as a `T`.
    fn value<T: DeserializeOwned>(&mut self) -> Option<T> {
        self.peek()?;
        let mut scan = ValueEnd::new(self.at);
        let end = loop {
            if let Some(end) = scan.scan(&self.buffer) {
                break end;
            }
            if !self.fill(self.sizes.read) {
                return None;
            }
        };
        let value = serde_json::from_slice(self.buffer.get(self.at..end)?).ok()?;
        self.at = end;
        Some(value)
    }

    /// Forgets what is taken.
    fn compact(&mut self) {
        self.buffer.drain(..self.at.min(self.buffer.len()));
        self.at = 0;
    }

    /// The document: one object of known members, each at most once, with
    /// `format`, and nothing after it; its lists' runs are handed to `run`,
    /// which says whether to go on.
    fn document(mut self, run: &mut dyn FnMut(Run) -> bool) -> Option<Members> {
        self.expect(b'{')?;
        let mut members = Members::default();
        let mut seen = Vec::new();
        if self.peek()? == b'}' {
            self.at = self.at.saturating_add(1);
        } else {
            loop {
                self.member(&mut members, &mut seen, run)?;
                self.compact();
                match self.peek()? {
                    b',' => self.at = self.at.saturating_add(1),
                    b'}' => {
                        self.at = self.at.saturating_add(1);
                        break;
                    }
                    _ => return None,
                }
            }
        }
        if self.peek().is_some() || self.failed || !members.format {
            return None;
        }
        Some(members)
    }

    /// One member of the document, its key not seen before.
    fn member(
        &mut self,
        members: &mut Members,
        seen: &mut Vec<DocumentField>,
        run: &mut dyn FnMut(Run) -> bool,
    ) -> Option<()> {
        if self.peek()? != b'"' {
            return None;
        }
        let field: DocumentField = self.value()?;
        if seen.contains(&field) {
            return None;
        }
        seen.push(field);
        self.expect(b':')?;
        match field {
            DocumentField::Format => {
                self.value::<raw::FormatTag>()?;
                members.format = true;
            }
            DocumentField::Sources => members.sources = self.value()?,
            DocumentField::Entities => members.entities = self.value()?,
            DocumentField::Definitions => members.definitions = self.value()?,
            DocumentField::Facts => self.list(List::Facts, run)?,
            DocumentField::Claims => self.list(List::Claims, run)?,
        }
        Some(())
    }

    /// A list, cut into runs of elements handed to `run`.
    fn list(&mut self, list: List, run: &mut dyn FnMut(Run) -> bool) -> Option<()> {
        self.expect(b'[')?;
        if self.peek()? == b']' {
            self.at = self.at.saturating_add(1);
            return Some(());
        }
        // The buffer now starts with the first element.
        self.compact();
        let (mut resume, mut searched) = (0, 0);
        loop {
            while self.buffer.len() < self.sizes.run
                && self.fill(self.sizes.run.saturating_sub(self.buffer.len()))
            {}
            let next = next_start(&self.buffer, resume.max(self.sizes.run));
            let limit = next.unwrap_or(self.buffer.len());
            if let Some(end) = list_end(&self.buffer, searched, limit) {
                let bytes = self.split(end);
                // Past the `]`.
                self.at = 1;
                return run(Run {
                    list,
                    bytes,
                    last: true,
                })
                .then_some(());
            }
            searched = limit;
            match next {
                Ok(start) => {
                    let bytes = self.split(start);
                    (resume, searched) = (0, 0);
                    if !run(Run {
                        list,
                        bytes,
                        last: false,
                    }) {
                        return None;
                    }
                }
                Err(again) => {
                    resume = again;
                    // An element ends soon after: a little more is read,
                    // so that little is left over to carry to the next run.
                    if !self.fill(self.sizes.read.min(EXTEND)) {
                        return None;
                    }
                }
            }
        }
    }

    /// The bytes before `at`, taken: the buffer keeps those from `at` on.
    fn split(&mut self, at: usize) -> Vec<u8> {
        let mut rest = Vec::with_capacity(self.sizes.run.saturating_add(self.sizes.read));
        rest.extend_from_slice(self.buffer.get(at..).unwrap_or_default());
        self.buffer.truncate(at);
        self.at = 0;
        std::mem::replace(&mut self.buffer, rest)
    }
}
