//! Build time of generated bindings: a scratch crate per tool whose library is the generated
//! code alone, its runtime dependencies built first (through an empty library), then the
//! crate itself built and timed, `cargo build` as a separate process.
//!
//! The crates live in `target/codegen-timing/build/` with their own target directory there
//! (they are not workspace members); the program deletes that target directory at the end
//! unless asked to keep it. The workspace `Cargo.lock` is copied in, so the builds need no
//! registry access and use the versions the workspace pins.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use super::xsd::Error;

/// The dependency line of a scratch crate.
pub enum Runtime {
    /// The soapstone runtime crate at this path.
    Soapstone(PathBuf),
    /// `xsd-parser-types` with its quick-xml support and serde's derives, what xsd-parser's
    /// outputs use.
    XsdParserTypes,
}

/// One timed build.
pub struct Outcome {
    /// Wall time in ms.
    pub ms: f64,
    /// Error diagnostics (`error[...]` / `error:` lines of `--message-format=short`), empty on
    /// success.
    pub errors: Vec<String>,
}

/// A scratch crate `name` in `dir` over `runtime`, built into `target`.
pub struct Crate {
    dir: PathBuf,
    target: PathBuf,
    name: String,
}

impl Crate {
    pub fn new(
        dir: PathBuf,
        target: PathBuf,
        name: &str,
        runtime: &Runtime,
        workspace: &Path,
    ) -> Result<Self, Error> {
        let src = dir.join("src");
        let _ = std::fs::remove_dir_all(&src);
        std::fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
        let dep = match runtime {
            Runtime::Soapstone(p) => {
                format!(
                    "soapstone = {{ path = \"{}\", default-features = false }}",
                    p.display()
                )
            }
            Runtime::XsdParserTypes => {
                "xsd-parser-types = { version = \"0.2\", features = [\"quick-xml\"] }\n\
                 serde = { version = \"1\", features = [\"derive\"] }"
                    .to_owned()
            }
        };
        // The workspace's dev profile, so both tools' code is built as this workspace builds.
        let manifest = format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{dep}\n\n\
             [profile.dev]\ndebug = \"line-tables-only\"\n\n\
             [profile.dev.package.\"*\"]\ndebug = false\n\n\
             # Stand-alone: not a member of the soapstone workspace.\n[workspace]\n"
        );
        std::fs::write(dir.join("Cargo.toml"), manifest)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let lock = workspace.join("Cargo.lock");
        std::fs::copy(&lock, dir.join("Cargo.lock"))
            .map_err(|e| format!("{}: {e}", lock.display()))?;
        Ok(Self {
            dir,
            target,
            name: name.to_owned(),
        })
    }

    /// Builds the dependencies (the library is empty at that point), in both profiles.
    pub fn warm_up(&self) -> Result<(), Error> {
        std::fs::write(self.dir.join("src/lib.rs"), "//! Dependencies only.\n")
            .map_err(|e| format!("{}: {e}", self.dir.display()))?;
        for release in [false, true] {
            let out = self.build(release)?;
            if !out.errors.is_empty() {
                return Err(format!(
                    "{}: building the dependencies failed:\n{}",
                    self.name,
                    out.errors.join("\n")
                ));
            }
        }
        Ok(())
    }

    /// The crate's `src/` directory.
    pub fn src(&self) -> PathBuf {
        self.dir.join("src")
    }

    /// Makes the library the generated code: `lib` is `lib.rs`, and `files` (relative path,
    /// contents) are written under `src/`.
    pub fn set_code(&self, lib: &str, files: &[(PathBuf, String)]) -> Result<(), Error> {
        let src = self.dir.join("src");
        for (rel, text) in files {
            let p = src.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::write(&p, text).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        std::fs::write(src.join("lib.rs"), lib).map_err(|e| format!("{}: {e}", src.display()))
    }

    /// A build of the crate alone from scratch: its previous artifacts and incremental state in
    /// the profile are removed first, the dependencies stay built.
    pub fn timed_build(&self, release: bool) -> Result<Outcome, Error> {
        let profile = self.target.join(if release { "release" } else { "debug" });
        let stem = self.name.replace('-', "_");
        for sub in ["incremental", "deps", ".fingerprint"] {
            let Ok(rd) = std::fs::read_dir(profile.join(sub)) else {
                continue;
            };
            for e in rd.flatten() {
                let n = e.file_name();
                let n = n.to_string_lossy();
                if n.starts_with(&format!("{stem}-"))
                    || n.starts_with(&format!("lib{stem}-"))
                    || n.starts_with(&format!("{}-", self.name))
                {
                    let p = e.path();
                    let _ = if p.is_dir() {
                        std::fs::remove_dir_all(&p)
                    } else {
                        std::fs::remove_file(&p)
                    };
                }
            }
        }
        self.build(release)
    }

    fn build(&self, release: bool) -> Result<Outcome, Error> {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.current_dir(&self.dir)
            .args(["build", "--offline", "--lib", "--message-format=short"])
            .env("CARGO_TARGET_DIR", &self.target)
            .env_remove("RUSTFLAGS");
        if release {
            cmd.arg("--release");
        }
        let start = Instant::now();
        let out = cmd
            .output()
            .map_err(|e| format!("cargo: cannot start: {e}"))?;
        let ms = start.elapsed().as_secs_f64() * 1e3;
        let stderr = String::from_utf8_lossy(&out.stderr);
        let errors = if out.status.success() {
            Vec::new()
        } else {
            let diags: Vec<String> = stderr
                .lines()
                .filter(|l| {
                    l.contains(": error") || l.starts_with("error[") || l.contains(" error[")
                })
                .map(str::to_owned)
                .collect();
            if diags.is_empty() {
                vec![stderr.trim().to_owned()]
            } else {
                diags
            }
        };
        Ok(Outcome { ms, errors })
    }
}
