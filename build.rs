//! Precompresses the embedded web app: every file of `web-dist/` that compresses well gets a
//! brotli (quality 11) and a gzip (level 9) copy in `OUT_DIR`, and `precompressed.rs` lists them
//! for `src/web.rs` to embed next to the originals. Runs again only when `web-dist/` changes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Smaller files fit in one packet anyway; compressing them saves nothing a user would notice.
const MIN_SIZE: usize = 1024;
/// Extensions of text formats; images and fonts are compressed already.
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "svg",
    "json",
    "webmanifest",
    "txt",
];

fn main() {
    println!("cargo:rerun-if-changed=web-dist");
    // Read when the script runs, not when it was compiled: a build directory shared by two
    // checkouts reuses the compiled script.
    let root = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("web-dist");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut files = Vec::new();
    walk(&root, &mut files);
    // The table is searched by path string, so sort by that (not by path components).
    let mut files: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|file| {
            let rel = file
                .strip_prefix(&root)
                .expect("walked under web-dist")
                .to_str()
                .expect("web-dist file names are UTF-8")
                .replace('\\', "/");
            (rel, file)
        })
        .collect();
    files.sort();
    let mut table = String::from(
        "/// The precompressed variants of `web-dist/`, sorted by path: \
         (path, brotli, gzip).\n\
         pub static PRECOMPRESSED: &[(&str, &[u8], &[u8])] = &[\n",
    );
    for (rel, file) in files {
        let ext = rel.rsplit('.').next().unwrap_or("");
        if !COMPRESSIBLE.contains(&ext) {
            continue;
        }
        let data = std::fs::read(&file).expect("web-dist file is readable");
        if data.len() < MIN_SIZE {
            continue;
        }
        let br = brotli(&data);
        let gz = gzip(&data);
        // Keep the pair only when both save at least a tenth.
        if br.len() * 10 > data.len() * 9 || gz.len() * 10 > data.len() * 9 {
            continue;
        }
        let br_path = out.join("web").join(format!("{rel}.br"));
        let gz_path = out.join("web").join(format!("{rel}.gz"));
        write(&br_path, &br);
        write(&gz_path, &gz);
        writeln!(
            table,
            "    ({rel:?}, include_bytes!({br:?}), include_bytes!({gz:?})),",
            br = br_path.display().to_string(),
            gz = gz_path.display().to_string(),
        )
        .expect("writes to a String");
    }
    table.push_str("];\n");
    std::fs::write(out.join("precompressed.rs"), table).expect("OUT_DIR is writable");
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("web-dist/ exists (the built web app)") {
        let path = entry.expect("web-dist entry").path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn write(path: &Path, data: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("a file has a parent"))
        .expect("OUT_DIR is writable");
    std::fs::write(path, data).expect("OUT_DIR is writable");
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        size_hint: data.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("brotli compresses");
    out
}

/// Deterministic gzip: no file name, modification time zero.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("gzip compresses");
    enc.finish().expect("gzip compresses")
}
