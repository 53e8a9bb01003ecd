//! What the benches share: timing a child process (wall time, and CPU time and peak memory from
//! `wait4`), the sizes asked for in `SIZES`, and a plain HTTP GET on loopback.

use std::process::Command;
use std::time::{Duration, Instant};

/// Wall time, CPU time and peak memory of one run of a command.
pub struct Run {
    pub wall: Duration,
    pub cpu: Duration,
    pub max_rss_mb: f64,
    pub ok: bool,
}

/// Run `cmd` (its output already directed by the caller) and measure it.
// The child is reaped by `libc::wait4`, which also returns its CPU time and peak memory.
#[allow(clippy::zombie_processes)]
pub fn run(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let child = cmd.spawn().expect("start command");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on the pid of a child we spawned and have not waited for.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
        ok: pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    }
}

/// The sizes in percent of the national site asked for in `SIZES` (`1,10,100`), 1 by default.
pub fn sizes() -> Vec<f64> {
    std::env::var("SIZES")
        .unwrap_or_else(|_| "1".into())
        .split(',')
        .filter_map(|s| s.trim().parse::<f64>().ok())
        .collect()
}

/// The whole answer (head and body) to `GET path` from the server at `addr` on loopback;
/// empty when it cannot be reached.
pub fn get(addr: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else { return String::new() };
    let _ = write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}
