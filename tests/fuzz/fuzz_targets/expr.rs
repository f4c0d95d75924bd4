//! Fuzz target: any text given to `earnings eval` (or written as an `expr`
//! claim) must parse or fail with an error inside the text, and whatever
//! parses must evaluate or fail the same way, on the bundled data; the
//! same text read as a metric's definition must too. Never a panic, an
//! overflow or a stack overflow.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz expr -- -dict=tests/fuzz/expr.dict`

#![no_main]

use std::sync::OnceLock;

use earnings::dataset::Dataset;
use earnings::eval::{self, FiguresEnvironment};
use earnings::figures::{Basis, Figures};
use libfuzzer_sys::fuzz_target;

static DATA: OnceLock<Dataset> = OnceLock::new();
static FIGURES: OnceLock<Figures<'static>> = OnceLock::new();

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let chars = text.chars().count();
    match earnings::expr::parse_sum(text) {
        Ok(sum) => assert!(!sum.terms().is_empty(), "{text:?}"),
        Err(e) => assert!(e.span.start <= chars && !e.message.is_empty(), "{text:?}: {e:?}"),
    }
    let expression = match eval::parse(text) {
        Ok(expression) => expression,
        Err(e) => {
            assert!(e.span.start <= chars, "{text:?}: {e:?}");
            assert!(!e.message.is_empty());
            let _ = eval::located(text, e.span, &e.message);
            return;
        }
    };
    let _ = expression.figures_read();
    let data = DATA.get_or_init(|| Dataset::bundled().expect("the bundled data loads"));
    let figures = FIGURES.get_or_init(|| Figures::build(data).expect("the bundled figures build"));
    let env = FiguresEnvironment {
        figures,
        basis: Basis::MostTrusted,
    };
    if let Err(e) = eval::evaluate(&expression, &env) {
        assert!(e.span.start <= chars, "{text:?}: {e:?}");
        let _ = eval::located(text, e.span, &e.message);
    }
});
