//! The gSOAP peer: C++ bindings generated at bench time from `wsdl/oracle/chat-server.wsdl`
//! (`wsdl2h` + `soapcpp2`), compiled with `g++ -O2` together with our driver
//! (`benches/gsoap/driver.cpp`), and run as a subprocess that times itself and prints medians.
//!
//! gSOAP's generated code is GPL: it is written into the build directory (under `target/`)
//! only, never into the source tree.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the gSOAP peer could not be built or run.
#[derive(Debug, thiserror::Error)]
pub enum GsoapError {
    #[error(
        "gSOAP is required for the benchmarks but `{tool}` was not found ({source}); \
         install the Debian packages `gsoap` and `libgsoap-dev` (CI does)"
    )]
    Missing {
        tool: &'static str,
        source: std::io::Error,
    },
    #[error("`{command}` failed with {status}:\n{stderr}")]
    Failed {
        command: String,
        status: std::process::ExitStatus,
        stderr: String,
    },
    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("gSOAP decoded {found} items of {name}, expected {expected}")]
    Incomplete {
        name: String,
        found: usize,
        expected: usize,
    },
    #[error("unexpected output from the gSOAP driver: {0:?}")]
    Output(String),
}

/// What the driver measured for one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GsoapTimes {
    pub decode_ns: f64,
    pub encode_ns: f64,
    pub encode_bytes: usize,
    /// What the driver found in its decoded value (see driver.cpp): checked by the caller.
    pub items: usize,
}

/// The built driver.
#[derive(Debug, Clone)]
pub struct Driver {
    pub exe: PathBuf,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `$CARGO_TARGET_DIR/soapstone-benches-gsoap`, else `<workspace>/target/soapstone-benches-gsoap`.
pub fn default_build_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
        .join("soapstone-benches-gsoap")
}

fn run(cmd: &mut Command, tool: &'static str) -> Result<std::process::Output, GsoapError> {
    let out = cmd
        .output()
        .map_err(|source| GsoapError::Missing { tool, source })?;
    if !out.status.success() {
        return Err(GsoapError::Failed {
            command: format!("{cmd:?}"),
            status: out.status,
            stderr: String::from_utf8_lossy(&out.stderr).into_owned()
                + &String::from_utf8_lossy(&out.stdout),
        });
    }
    Ok(out)
}

fn io<T>(path: &Path, r: std::io::Result<T>) -> Result<T, GsoapError> {
    r.map_err(|source| GsoapError::Io {
        path: path.to_owned(),
        source,
    })
}

fn newest_input_mtime(inputs: &[PathBuf]) -> Option<std::time::SystemTime> {
    inputs
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max()
}

/// Generates, compiles and links the driver in `dir`, unless a driver newer than every input
/// (WSDL, schemas, driver source, typemap) is already there.
pub fn build(dir: &Path) -> Result<Driver, GsoapError> {
    let root = repo_root();
    let wsdl = root.join("wsdl/oracle/chat-server.wsdl");
    let driver_src = root.join("benches/gsoap/driver.cpp");
    let typemap = root.join("benches/gsoap/typemap.dat");
    let mut inputs = vec![wsdl.clone(), driver_src.clone(), typemap.clone()];
    if let Ok(entries) = std::fs::read_dir(root.join("wsdl/oracle/xsd")) {
        inputs.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    let exe = dir.join("driver");
    if let (Ok(built), Some(newest)) = (
        std::fs::metadata(&exe).and_then(|m| m.modified()),
        newest_input_mtime(&inputs),
    ) && built > newest
    {
        return Ok(Driver { exe });
    }
    io(dir, std::fs::create_dir_all(dir))?;
    run(
        Command::new("wsdl2h")
            .current_dir(dir)
            .arg("-t")
            .arg(&typemap)
            .arg("-o")
            .arg("chat.h")
            .arg(&wsdl),
        "wsdl2h",
    )?;
    let import_dir = ["/usr/share/gsoap/import", "/usr/local/share/gsoap/import"]
        .into_iter()
        .find(|d| Path::new(d).join("stlvector.h").exists())
        .unwrap_or("/usr/share/gsoap/import");
    run(
        Command::new("soapcpp2")
            .current_dir(dir)
            .args(["-C", "-L", "-x", "-I"])
            .arg(import_dir)
            .arg("chat.h"),
        "soapcpp2",
    )?;
    run(
        Command::new("g++")
            .current_dir(dir)
            .args(["-O2", "-I."])
            .arg("-o")
            .arg(&exe)
            .arg(&driver_src)
            .arg("soapC.cpp")
            .arg("-lgsoap++"),
        "g++",
    )?;
    Ok(Driver { exe })
}

impl Driver {
    /// Times `iterations` decodes and encodes of `input`, `runs` times, as the driver reports.
    pub fn measure(
        &self,
        kind: &str,
        input: &Path,
        iterations: u64,
        runs: u32,
    ) -> Result<GsoapTimes, GsoapError> {
        let out = run(
            Command::new(&self.exe)
                .arg(kind)
                .arg(input)
                .arg(iterations.to_string())
                .arg(runs.to_string()),
            "gSOAP driver",
        )?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let field = |name: &str| -> Result<f64, GsoapError> {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
                .ok_or_else(|| GsoapError::Output(text.clone()))
        };
        Ok(GsoapTimes {
            decode_ns: field("decode_ns ")?,
            encode_ns: field("encode_ns ")?,
            encode_bytes: field("encode_bytes ")? as usize,
            items: field("items ")? as usize,
        })
    }
}
