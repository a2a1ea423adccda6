//! The text forms: CSV (header [`CSV_HEADER`]) and JSON Lines, read one line at a time.

use std::collections::HashMap;
use std::io::BufRead;
use std::sync::Arc;

use crate::error::ReadError;
use crate::record::{CSV_HEADER, Direction, FlowRecord};

/// Names seen so far, shared by every record naming them: memory grows with names, not flows.
#[derive(Debug, Default)]
pub struct Names(HashMap<Box<str>, Arc<str>>);

impl Names {
    pub fn intern(&mut self, name: &str) -> Arc<str> {
        if let Some(a) = self.0.get(name) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(name);
        self.0.insert(name.into(), a.clone());
        a
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads the CSV form, one record per line, streaming. The first line must be [`CSV_HEADER`].
pub struct CsvReader<R> {
    input: R,
    file: String,
    line: u64,
    buf: String,
    names: Names,
    failed: bool,
}

impl<R: BufRead> CsvReader<R> {
    pub fn new(file: &str, input: R) -> Self {
        CsvReader {
            input,
            file: file.into(),
            line: 0,
            buf: String::new(),
            names: Names::default(),
            failed: false,
        }
    }

    fn err(&self, column: u64, message: String, expected: &str) -> ReadError {
        ReadError::line(&self.file, self.line, column, message, expected)
    }

    fn parse_line(&mut self) -> Result<FlowRecord, ReadError> {
        let line = self.buf.trim_end_matches(['\n', '\r']);
        let mut fields: [(&str, u64); 11] = [("", 0); 11];
        let mut n = 0;
        let mut col = 1u64;
        for f in line.split(',') {
            if n == 11 {
                return Err(self.err(col, "more than 11 columns".into(), CSV_HEADER));
            }
            fields[n] = (f, col);
            n += 1;
            col += f.chars().count() as u64 + 1;
        }
        if n != 11 {
            // Where the missing column would start: just past the end of the line.
            return Err(self.err(col - 1, format!("{n} columns where 11 are needed"), CSV_HEADER));
        }
        macro_rules! num {
            ($i:expr, $t:ty, $what:expr) => {{
                let (s, c) = fields[$i];
                s.parse::<$t>().map_err(|_| self.err(c, format!("`{s}` is not {}", $what), $what))?
            }};
        }
        let time_ms = num!(0, u64, "a time in milliseconds since 1970 (an unsigned integer)");
        let device_mac = match fields[1] {
            ("", _) => None,
            (s, c) => Some(
                s.parse().map_err(|e: String| self.err(c, e, "a MAC address such as 02:00:00:00:00:05"))?,
            ),
        };
        let device_ip = num!(2, core::net::IpAddr, "an IPv4 or IPv6 address");
        let direction = match fields[3] {
            ("from-device", _) => Direction::FromDevice,
            ("to-device", _) => Direction::ToDevice,
            (s, c) => {
                return Err(self.err(c, format!("`{s}` is not a direction"), "from-device or to-device"));
            }
        };
        let peer_ip = num!(4, core::net::IpAddr, "an IPv4 or IPv6 address");
        let peer_name = match fields[5].0 {
            "" => None,
            s => Some(self.names.intern(s.trim_end_matches('.'))),
        };
        Ok(FlowRecord {
            time_ms,
            device_mac,
            device_ip,
            direction,
            peer_ip,
            peer_name,
            protocol: num!(6, u8, "an IP protocol number (0 to 255)"),
            device_port: num!(7, u16, "a port (0 to 65535)"),
            peer_port: num!(8, u16, "a port (0 to 65535)"),
            bytes: num!(9, u64, "a byte count"),
            packets: num!(10, u64, "a packet count"),
        })
    }
}

impl<R: BufRead> Iterator for CsvReader<R> {
    type Item = Result<FlowRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            self.buf.clear();
            self.line += 1;
            match self.input.read_line(&mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.failed = true;
                    return Some(Err(self.err(1, format!("cannot read: {e}"), "UTF-8 text")));
                }
            }
            let t = self.buf.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            if self.line == 1 || t == CSV_HEADER {
                if t != CSV_HEADER {
                    self.failed = true;
                    return Some(Err(self.err(1, "the first line is not the header".into(), CSV_HEADER)));
                }
                continue;
            }
            return Some(self.parse_line());
        }
    }
}

/// Reads JSON Lines: one [`FlowRecord`] object per line, streaming.
pub struct JsonLinesReader<R> {
    input: R,
    file: String,
    line: u64,
    buf: String,
    names: Names,
    failed: bool,
}

impl<R: BufRead> JsonLinesReader<R> {
    pub fn new(file: &str, input: R) -> Self {
        JsonLinesReader {
            input,
            file: file.into(),
            line: 0,
            buf: String::new(),
            names: Names::default(),
            failed: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLinesReader<R> {
    type Item = Result<FlowRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        loop {
            self.buf.clear();
            self.line += 1;
            match self.input.read_line(&mut self.buf) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => {
                    self.failed = true;
                    let e =
                        ReadError::line(&self.file, self.line, 1, format!("cannot read: {e}"), "UTF-8 text");
                    return Some(Err(e));
                }
            }
            if self.buf.trim().is_empty() {
                continue;
            }
            return Some(match serde_json::from_str::<FlowRecord>(&self.buf) {
                Ok(mut r) => {
                    if let Some(n) = r.peer_name.take() {
                        r.peer_name = Some(self.names.intern(n.trim_end_matches('.')));
                    }
                    Ok(r)
                }
                Err(e) => Err(ReadError::line(
                    &self.file,
                    self.line,
                    e.column() as u64,
                    // serde_json adds its own "at line 1 column N": the location is ours.
                    {
                        let m = e.to_string();
                        m.rfind(" at line ").map_or(m.clone(), |i| m[..i].to_string())
                    },
                    "a flow record as a JSON object (see `iotlabel schema flow-record`)",
                )),
            });
        }
    }
}
