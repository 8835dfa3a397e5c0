//! Any bytes as a Word file given to `kehoach import`: the archive, word/document.xml, the
//! tables' grids, the parts of a plan and the plan file written from them must never panic,
//! and stay within memory and time in proportion to the input (`scripts/fuzz` runs with
//! `-rss_limit_mb`). Bytes that are not a ZIP archive are put in one as word/document.xml,
//! so the fuzzer mutates the XML itself rather than the archive's checksums.
#![no_main]
use kehoach::content::units::Registry;
use kehoach::import::{docx, emit, structure};
use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::Path;

fn as_docx(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", opts).unwrap();
    w.write_all(data).unwrap();
    w.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = docx::read(&as_docx(data)) else {
        return;
    };
    let (registry, _) = Registry::read(
        Path::new("content/units.yaml"),
        include_str!("../../content/units.yaml"),
    );
    if let Ok(plan) = structure::analyse(&doc, &registry) {
        let _ = emit::plan_file(&plan, &registry);
    }
});
