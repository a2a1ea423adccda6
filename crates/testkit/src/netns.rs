//! Network namespaces for tests that need real interfaces (multicast, firewalls, routing):
//! [`Lab`] creates its namespaces, runs commands inside them, keeps the processes it starts,
//! and on drop kills those processes and deletes the namespaces. Needs root and iproute2.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

/// Runs a command to completion; panics with its standard error if it fails.
pub fn sh(args: &[&str]) {
    let out = Command::new(args[0])
        .args(&args[1..])
        .output()
        .unwrap_or_else(|e| panic!("{args:?}: {e} (is it installed? `cargo xtask test` installs iproute2)"));
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Namespaces named `iotl-<name>-<pid>`, deleted (with every process started in them) on drop.
pub struct Lab {
    pub ns: Vec<String>,
    children: Vec<Child>,
}

impl Lab {
    /// Creates one namespace per name.
    pub fn new(names: &[&str]) -> Lab {
        let id = std::process::id();
        let lab = Lab { ns: names.iter().map(|n| format!("iotl-{n}-{id}")).collect(), children: Vec::new() };
        for n in &lab.ns {
            sh(&["ip", "netns", "add", n]);
        }
        lab
    }

    /// Runs `args` inside namespace `ns` to completion.
    pub fn exec(&self, ns: usize, args: &[&str]) {
        let mut v = vec!["ip", "netns", "exec", &self.ns[ns]];
        v.extend_from_slice(args);
        sh(&v);
    }

    /// A command that runs `program` inside namespace `ns`.
    pub fn cmd(&self, ns: usize, program: &str) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.ns[ns], program]);
        c
    }

    /// Starts `c` in the background; it is killed when the lab is dropped.
    pub fn spawn(&mut self, mut c: Command) {
        let child = c.spawn().unwrap_or_else(|e| panic!("{c:?}: {e}"));
        self.children.push(child);
    }

    /// Starts `c` and waits until it prints a line containing `ready`.
    pub fn start(&mut self, mut c: Command, ready: &str) {
        let mut child = c.stdout(Stdio::piped()).stderr(Stdio::inherit()).spawn().expect("start");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        self.children.push(child);
        loop {
            let line = lines.next().expect("the process printed its ready line").expect("utf-8");
            if line.contains(ready) {
                break;
            }
        }
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
        for n in &self.ns {
            let _ = Command::new("ip").args(["netns", "delete", n]).status();
        }
    }
}
