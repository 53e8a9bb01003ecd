//! Timing a child process: wall time, and CPU time and peak memory from `wait4`. Shared by the
//! national and Hugo benches.

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
