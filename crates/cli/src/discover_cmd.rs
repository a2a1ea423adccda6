//! `iotlabel discover`: the arguments and the table; the work is iotlabel-discover's.

use std::io::Write;
use std::time::Duration;

use clap::{Args, ValueEnum};
use iotlabel_discover::{Device, Discovery, Options, WellKnown, discover_blocking};
use iotlabel_i18n::{Lang, text};

use crate::{Done, Failure, input_error, output};

pub const DISCOVER_HELP: &str = "Examples:
  iotlabel discover                          # the interface of the default route, 3 seconds
  iotlabel discover --interface wlan0 --wait 10
  iotlabel discover --interface eth0 --format json > devices.json
  iotlabel discover --lang fr

What it does: asks the local network, over multicast DNS (mDNS/DNS-SD, on 224.0.0.251 and, when
the interface has an IPv6 link-local address, ff02::fb) and SSDP (UPnP, IPv4), which devices are
there, listens for --wait seconds, and lists every device that answered, once even when it
answered over both IPv4 and IPv6: its address (IPv4 when it has one; its IPv6 ones besides),
its MAC address and the maker of its network chip (IEEE registry), the names it gives itself, its
label when it advertises one (_iotlabel._tcp, see `iotlabel advertise`), and otherwise what it
probably is and which sensors such a device usually has. Useful to anyone checking a place for
devices: a guest in a rented flat, someone who suspects a hidden camera.

It only sends multicast queries on the interface and reads the answers; it connects to a
device only to read the description the device itself points to. Devices that stay silent (many
do) are not found: an empty list is not proof that there is no device.

Exit codes: 0 done (whatever was found), 2 invalid input (unknown interface, no address on it),
3 internal error.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiscoverFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct DiscoverArgs {
    /// The network interface to listen on (default: the one of the default route).
    #[arg(long)]
    pub interface: Option<String>,
    /// Seconds to listen for answers.
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=120))]
    pub wait: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiscoverFormat::Table)]
    pub format: DiscoverFormat,
    /// Language of the table: en or fr.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

pub fn run(a: DiscoverArgs) -> Result<Done, Failure> {
    let lang = crate::commands::parse_langs(&a.lang, false)?[0];
    let opts = Options::new(a.interface, Duration::from_secs(a.wait));
    let found = discover_blocking(&opts).map_err(|e| match e {
        iotlabel_discover::DiscoverError::Runtime(e) => Failure::Internal(e.into()),
        e => input_error(e.to_string()),
    })?;
    let mut out = anstream::stdout().lock();
    match a.format {
        DiscoverFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &found).map_err(anyhow::Error::from)?;
            writeln!(out)?;
        }
        DiscoverFormat::Table => out.write_all(table(&found, lang).as_bytes())?,
    }
    Ok(Done::Ok)
}

fn msg(lang: Lang, id: &'static str, args: Vec<(&'static str, iotlabel_i18n::Arg)>) -> String {
    let mut m = iotlabel_i18n::Msg::new(id);
    for (k, v) in args {
        m = m.arg(k, v);
    }
    m.text(lang)
}

/// The readable listing: one block per device, in plain words.
pub fn table(d: &Discovery, lang: Lang) -> String {
    let mut s = String::new();
    let n = d.devices.len();
    s.push_str(&msg(
        lang,
        "discover-heading",
        vec![
            ("count", n.into()),
            ("interface", d.interface.clone().into()),
            ("seconds", (d.wait_ms / 1000).to_string().into()),
        ],
    ));
    s.push('\n');
    for dev in &d.devices {
        s.push('\n');
        device(&mut s, dev, lang);
    }
    s.push('\n');
    s.push_str(&text(lang, "discover-silent-note"));
    s.push('\n');
    s
}

fn field(s: &mut String, lang: Lang, id: &str, value: &str) {
    s.push_str(&format!("  {:<14} {}\n", text(lang, id), output::one_line(value)));
}

fn term(lang: Lang, t: &iotlabel_discover::Term) -> String {
    match lang {
        Lang::Fr => t.fr.clone(),
        _ => t.en.clone(),
    }
}

fn clue(c: &iotlabel_discover::Clue) -> &'static str {
    use iotlabel_discover::Clue;
    match c {
        Clue::Service => "service",
        Clue::UpnpType => "upnp",
        Clue::Name => "name",
        Clue::Vendor => "vendor",
    }
}

fn device(s: &mut String, dev: &Device, lang: Lang) {
    let title = dev.names.first().cloned().unwrap_or_else(|| text(lang, "discover-unnamed"));
    s.push_str(&format!("{}  {}\n", dev.address, output::one_line(&title)));
    let mac = match (&dev.mac, dev.random_mac) {
        (Some(m), true) => format!("{m} ({})", text(lang, "discover-random-mac")),
        (Some(m), false) => m.clone(),
        (None, _) => text(lang, "discover-unknown"),
    };
    let ipv6: Vec<&str> = dev.ipv6.iter().map(String::as_str).filter(|a| *a != dev.address).collect();
    if !ipv6.is_empty() {
        field(s, lang, "discover-ipv6", &ipv6.join(", "));
    }
    field(s, lang, "discover-mac", &mac);
    if let Some(v) = &dev.vendor {
        field(s, lang, "discover-vendor", v);
    }
    if dev.names.len() > 1 {
        field(s, lang, "discover-names", &dev.names.join(", "));
    }
    if let Some(u) = &dev.upnp {
        let model: Vec<&str> = [&u.manufacturer, &u.model_name, &u.model_number]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        if !model.is_empty() {
            field(s, lang, "discover-model", &model.join(" "));
        }
    }
    if !dev.services.is_empty() {
        field(s, lang, "discover-services", &dev.services.join(", "));
    }
    match (&dev.label, &dev.guess) {
        (Some(l), _) => {
            field(s, lang, "discover-label", &l.url);
            field(s, lang, "discover-digest", &l.digest);
            let wk = match l.well_known {
                WellKnown::Same => "discover-well-known-same",
                WellKnown::Differs => "discover-well-known-differs",
                WellKnown::Unreachable => "discover-well-known-unreachable",
            };
            field(s, lang, "discover-well-known", &text(lang, wk));
        }
        (None, Some(g)) => {
            field(
                s,
                lang,
                "discover-probably",
                &msg(
                    lang,
                    "discover-probably-because",
                    vec![
                        ("type", term(lang, &g.device_type).into()),
                        ("clue", clue(&g.clue).into()),
                        ("because", g.because.clone().into()),
                    ],
                ),
            );
            let sensors = if g.sensors.is_empty() {
                text(lang, "discover-sensors-none-listed")
            } else {
                g.sensors.iter().map(|t| term(lang, t).to_lowercase()).collect::<Vec<_>>().join(", ")
            };
            field(s, lang, "discover-sensors", &sensors);
        }
        (None, None) => field(s, lang, "discover-probably", &text(lang, "discover-no-label-no-guess")),
    }
    if dev.label.is_none() {
        field(s, lang, "discover-label", &text(lang, "discover-no-label"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iotlabel_discover::{Heard, Upnp, device_of};

    fn found() -> Discovery {
        let upnp = Upnp {
            friendly_name: Some("Garden Camera".into()),
            manufacturer: Some("Fakecam".into()),
            ..Upnp::default()
        };
        let cam = device_of(
            "10.0.0.3".parse().unwrap(),
            &Heard::default(),
            Some(upnp),
            Some("02:11:22:33:44:55".into()),
        );
        Discovery {
            version: 1,
            interface: "br0".into(),
            address: "10.0.0.1".into(),
            ipv6_address: None,
            wait_ms: 3000,
            devices: vec![cam],
        }
    }

    #[test]
    fn the_table_says_what_a_device_probably_is_in_both_languages() {
        let en = table(&found(), Lang::En);
        assert!(en.starts_with("1 device answered on br0 in 3 s:"), "{en}");
        assert!(
            en.contains("Garden Camera")
                && en.contains("Security camera")
                && en.contains("camera, microphone"),
            "{en}"
        );
        assert!(en.contains("random address"), "{en}");
        let fr = table(&found(), Lang::Fr);
        assert!(fr.contains("Caméra de sécurité") && fr.contains("adresse aléatoire"), "{fr}");
        assert!(fr.contains("son nom « Garden Camera »"), "{fr}");
        let none = Discovery { devices: Vec::new(), ..found() };
        assert!(table(&none, Lang::En).starts_with("No device answered on br0 in 3 s."));
    }
}
