//! A fact read straight from its text when it is written the plain way:
//! an object whose members are all strings without escapes, each field
//! known and given once, every required one there and every value passing
//! the check its field makes. Each value is read by the very function
//! serde's reading calls, so that what is read is the same; anything else
//! (a number, `null`, an escape, an unknown or repeated key, a value that
//! does not read) is left to serde, which reads it or says what is wrong.
//!
//! A million facts are read this way without serde's machinery for each
//! key and value: about a third of the work of reading a fact.

use crate::period::Period;
use crate::value::{BoundKind, DecimalField, Scale, Status};

use super::super::raw::{self, CheckedText, EntityId, MetricKey, Parsed, RawFact, Token, UnitText};
use super::skip_space;

/// The place in a text being read.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    /// The next byte that is not whitespace, taken.
    fn next(&mut self) -> Option<u8> {
        self.at = skip_space(self.text.as_bytes(), self.at);
        let byte = *self.text.as_bytes().get(self.at)?;
        self.at = self.at.saturating_add(1);
        Some(byte)
    }

    /// A string without escapes or control characters, taken: its text.
    fn string(&mut self) -> Option<&'t str> {
        if self.next()? != b'"' {
            return None;
        }
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let len = plain_len(rest)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        let end = start.saturating_add(len);
        self.at = end.saturating_add(1);
        self.text.get(start..end)
    }
}

/// One of a fixed set, read as serde reads it.
fn word<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
    raw::word_of::<T, serde::de::value::Error>(text).ok()
}

/// Where the first quote, backslash or control character is, eight bytes
/// at a time: the end of a string's text if it is a quote.
fn plain_len(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of each byte of `word` below `n` (at most 0x80) is set,
    // or may be if an earlier byte's is: the lowest one set is exact.
    let below =
        |word: u64, n: u8| word.wrapping_sub(ONES.wrapping_mul(u64::from(n))) & !word & HIGHS;
    let mut at = 0usize;
    while let Some(chunk) = bytes.get(at..at.saturating_add(8)) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let quote = below(word ^ ONES.wrapping_mul(u64::from(b'"')), 1);
        let backslash = below(word ^ ONES.wrapping_mul(u64::from(b'\\')), 1);
        let found = quote | backslash | below(word, 0x20);
        if found != 0 {
            let byte = usize::try_from(found.trailing_zeros() / 8).ok()?;
            return Some(at.saturating_add(byte));
        }
        at = at.saturating_add(8);
    }
    let found = bytes
        .get(at..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
    Some(at.saturating_add(found))
}

/// Sets a field not set before.
fn once<T>(field: &mut Option<T>, value: Option<T>) -> Option<()> {
    match field {
        Some(_) => None,
        None => {
            *field = Some(value?);
            Some(())
        }
    }
}

/// The fields of a fact as they are found.
#[derive(Default)]
struct Found {
    entity: Option<EntityId>,
    metric: Option<MetricKey>,
    period: Option<Parsed<Period>>,
    value: Option<DecimalField>,
    scale: Option<Scale>,
    unit: Option<UnitText>,
    bound: Option<BoundKind>,
    high: Option<DecimalField>,
    tolerance: Option<DecimalField>,
    status: Option<Status>,
    source: Option<Token>,
    at: Option<Token>,
    note: Option<String>,
}

impl Found {
    /// Reads one member, or gives up.
    fn member(&mut self, key: &str, text: &str) -> Option<()> {
        let decimal = || text.parse().ok().map(DecimalField);
        match key {
            "entity" => once(&mut self.entity, EntityId::checked(text)),
            "metric" => once(&mut self.metric, MetricKey::checked(text)),
            "period" => once(&mut self.period, text.parse().ok().map(Parsed)),
            "value" => once(&mut self.value, decimal()),
            "scale" => once(&mut self.scale, word(text)),
            "unit" => once(&mut self.unit, UnitText::checked(text)),
            "bound" => once(&mut self.bound, word(text)),
            "high" => once(&mut self.high, decimal()),
            "tolerance" => once(&mut self.tolerance, decimal()),
            "status" => once(&mut self.status, word(text)),
            "source" => once(&mut self.source, Some(Token::new(text))),
            "at" => once(&mut self.at, Some(Token::new(text))),
            "note" => once(&mut self.note, Some(text.to_string())),
            _ => None,
        }
    }

    /// The fact, if every required field is there.
    fn fact(self) -> Option<RawFact> {
        Some(RawFact {
            entity: self.entity?,
            metric: self.metric?,
            period: self.period?,
            value: self.value?,
            scale: self.scale,
            unit: self.unit?,
            bound: self.bound,
            high: self.high,
            tolerance: self.tolerance,
            status: self.status,
            source: self.source?,
            at: self.at?,
            note: self.note,
        })
    }
}

/// The fact that `text` starts with (after whitespace) and where it ends,
/// if it is written the plain way.
pub(super) fn fact(text: &str) -> Option<(RawFact, usize)> {
    let mut cursor = Cursor { text, at: 0 };
    if cursor.next()? != b'{' {
        return None;
    }
    let mut found = Found::default();
    loop {
        let key = cursor.string()?;
        if cursor.next()? != b':' {
            return None;
        }
        let value = cursor.string()?;
        found.member(key, value)?;
        match cursor.next()? {
            b',' => {}
            b'}' => break,
            _ => return None,
        }
    }
    Some((found.fact()?, cursor.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fact read here is the fact serde reads.
    fn same(text: &str) {
        let (quick, end) = fact(text).expect("read the plain way");
        let serde: RawFact = serde_json::from_str(text.get(..end).unwrap()).unwrap();
        assert_eq!(format!("{quick:?}"), format!("{serde:?}"));
        assert_eq!(text.get(end..).map(str::trim_start), Some(","));
    }

    #[test]
    fn plain_facts_read_as_serde_reads_them() {
        same(
            r#"{ "entity": "co-1", "metric": "revenue", "period": "FY2019-Q2", "value": "6147320.774", "scale": "million", "unit": "EUR", "source": "filings", "at": "p. 31, l. 542688" } ,"#,
        );
        same(
            "{\"at\":\"x\",\"source\":\"s\",\"unit\":\"percent\",\"value\":\"-1.5e3\",\"period\":\"FY2026\",\"metric\":\"m\",\"entity\":\"e\",\"bound\":\"about\",\"tolerance\":\"5\",\"status\":\"target\",\"note\":\"é ok\"}\n\t ,",
        );
        same(
            r#"{"entity":"e","metric":"m","period":"FY2026","value":"1","high":"2","bound":"range","unit":"orders","source":"s","at":"x"} ,"#,
        );
    }

    #[test]
    fn a_string_ends_at_its_first_quote_backslash_or_control() {
        for (text, len) in [
            ("\"", Some(0)),
            ("abc\"", Some(3)),
            ("abcdefgh\"", Some(8)),
            ("abcdefghijklmnop\"x", Some(16)),
            ("abcdefghi\\\"", Some(9)),
            ("abcdefghij\n\"", Some(10)),
            ("p. 31, l. 542688\" ", Some(16)),
            ("é€ and more text\"", Some(19)),
            ("\u{7f}\u{80}\u{ff}", None),
            ("abcdefghijklmnopq", None),
        ] {
            assert_eq!(plain_len(text.as_bytes()), len, "{text:?}");
        }
    }

    #[test]
    fn a_string_ends_where_a_byte_by_byte_search_says() {
        let naive = |bytes: &[u8]| {
            bytes
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        };
        for len in 0..20 {
            for fill in [
                b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xa2, 0xdc, 0xff,
            ] {
                for end in [b'"', b'\\', 0x00, 0x01, 0x1f, b'\n'] {
                    for after in [b'"', b'\\', 0x00, b'a', 0xff] {
                        let mut bytes = vec![fill; len];
                        bytes.extend([end, after, fill, b'"']);
                        assert_eq!(plain_len(&bytes), naive(&bytes), "{bytes:?}");
                        bytes.truncate(len);
                        assert_eq!(plain_len(&bytes), naive(&bytes), "{bytes:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn anything_else_is_left_to_serde() {
        let plain = r#""entity": "e", "metric": "m", "period": "FY2026", "value": "1", "unit": "USD", "source": "s", "at": "x""#;
        assert!(fact(&format!("{{{plain}}}")).is_some());
        for other in [
            format!("[{plain}]"),
            format!("{{{plain}, \"note\": null}}"),
            format!("{{{plain}, \"high\": 2}}"),
            format!("{{{plain}, \"note\": \"a\\\"b\"}}"),
            format!("{{{plain}, \"note\": \"a\tb\"}}"),
            format!("{{{plain}, \"at\": \"y\"}}"),
            format!("{{{plain}, \"other\": \"y\"}}"),
            format!("{{{plain}, \"scale\": \"millions\"}}"),
            format!("{{{plain},}}"),
            format!("{{{plain}"),
            format!("{{{}}}", plain.replace("\"e\"", "\"E\"")),
            format!("{{{}}}", plain.replace("\"m\"", "\"M\"")),
            format!("{{{}}}", plain.replace("\"USD\"", "\"usd\"")),
            format!("{{{}}}", plain.replace("\"1\"", "\"1.\"")),
            format!("{{{}}}", plain.replace("FY2026", "FY20")),
            format!("{{{}}}", plain.replace("\"at\": \"x\"", "\"note\": \"x\"")),
            "{}".to_string(),
        ] {
            assert!(fact(&other).is_none(), "{other}");
        }
    }
}
