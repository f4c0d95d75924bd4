use earnings::dataset::{Dataset, Document};
use earnings::figures::Figures;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let data = Dataset::load_documents(&[Document::File {
        name: &path,
        path: std::path::Path::new(&path),
    }])
    .unwrap();
    eprintln!("load {:?}", t.elapsed());
    let t = Instant::now();
    let figures = Figures::build(&data).unwrap();
    eprintln!("build {:?}", t.elapsed());
    let t = Instant::now();
    let n = earnings::metrics::derived(&figures, |k| {
        matches!(
            k,
            earnings::metrics::Kind::Yoy | earnings::metrics::Kind::Change
        )
    })
    .count();
    eprintln!("derive {:?} {n}", t.elapsed());
    let t = Instant::now();
    drop(figures);
    drop(data);
    eprintln!("drop {:?}", t.elapsed());
}
