//! Fuzz target: any string parses as a figure reference
//! (`ENTITY.METRIC@PERIOD`) or is refused; a reference that parses prints as
//! text that parses back to the same reference.
#![no_main]

use earnings::reference::Reference;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(reference) = text.parse::<Reference>() else {
        return;
    };
    let shown = reference.to_string();
    assert_eq!(
        shown.parse::<Reference>().as_ref(),
        Ok(&reference),
        "{text:?} → {shown:?}"
    );
});
