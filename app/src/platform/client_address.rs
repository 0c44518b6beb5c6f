//! Who a request comes from, for the limits per client. Behind a load balancer the TCP
//! peer is the balancer for everyone, so its `X-Forwarded-For` is believed, but only
//! when the peer is one of `MITWIRKEN_TRUSTED_PROXIES` (anyone else could write the
//! header). IPv6 clients are counted per /64 network: one connection commonly holds a
//! whole /64 and can take a new address from it for every request.
use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies whose `X-Forwarded-For` is believed (`MITWIRKEN_TRUSTED_PROXIES`).
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma- or space-separated list of addresses (`10.0.0.5`, `::1`) and networks
    /// (`10.0.0.0/8`, `fd00::/8`); the error names the entry that is neither.
    pub fn parse(text: &str) -> Result<Self, String> {
        text.split([',', ' '])
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("`{entry}` is neither an address nor a network"))
            })
            .collect::<Result<_, _>>()
            .map(Self)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request from `peer` with these `X-Forwarded-For` values: each
    /// proxy appends the address it was reached from, so the list is read from the
    /// right, past the trusted proxies, to the first address that is not one. A peer
    /// that is not trusted is the client, whatever the header says.
    pub fn client<'a>(&self, peer: IpAddr, forwarded_for: impl Iterator<Item = &'a str>) -> IpAddr {
        let mut client = canonical(peer);
        if !self.trusts(client) {
            return client;
        }
        let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).collect();
        for hop in hops.iter().rev() {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) => {
                    client = canonical(ip);
                    if !self.trusts(client) {
                        return client;
                    }
                }
                // A broken entry ends what can be believed: the last proxy's word stands.
                Err(_) => return client,
            }
        }
        client
    }
}

/// IPv4 addresses written as IPv6 (`::ffff:192.0.2.1`) are the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The key the limits per client count under: the IPv4 address, or the IPv6 /64.
pub fn bucket(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_list_takes_addresses_and_networks() {
        let t = TrustedProxies::parse("10.0.0.0/8, 192.0.2.7 fd00::/8").unwrap();
        assert!(t.trusts(ip("10.1.2.3")) && t.trusts(ip("192.0.2.7")) && t.trusts(ip("fd00::1")));
        assert!(!t.trusts(ip("192.0.2.8")) && !t.trusts(ip("2001:db8::1")));
        assert!(t.trusts(ip("::ffff:10.0.0.1")), "IPv4 written as IPv6");
        assert!(TrustedProxies::parse("").unwrap().0.is_empty());
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.example").is_err());
    }

    #[test]
    fn the_header_is_believed_only_from_a_trusted_peer() {
        let nobody = TrustedProxies::default();
        let lb = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let xff = |v: &'static str| std::iter::once(v);
        // Nobody trusted: the peer, whatever the header says.
        assert_eq!(
            nobody.client(ip("10.0.0.1"), xff("203.0.113.9")),
            ip("10.0.0.1")
        );
        // The peer is the balancer: the client it names.
        assert_eq!(
            lb.client(ip("10.0.0.1"), xff("203.0.113.9")),
            ip("203.0.113.9")
        );
        // A client that writes its own header is found past it, from the right.
        assert_eq!(
            lb.client(ip("10.0.0.1"), xff("1.2.3.4, 203.0.113.9")),
            ip("203.0.113.9")
        );
        // Chains of trusted proxies, and the header split over several lines.
        assert_eq!(
            lb.client(
                ip("10.0.0.1"),
                ["198.51.100.3, 10.0.0.9", "10.0.0.8"].into_iter()
            ),
            ip("198.51.100.3")
        );
        // An untrusted peer cannot pose as the balancer.
        assert_eq!(
            lb.client(ip("203.0.113.50"), xff("1.2.3.4")),
            ip("203.0.113.50")
        );
        // Junk in the header: the last believable address.
        assert_eq!(lb.client(ip("10.0.0.1"), xff("junk")), ip("10.0.0.1"));
        assert_eq!(
            lb.client(ip("10.0.0.1"), std::iter::empty()),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn ipv6_clients_count_per_64() {
        assert_eq!(bucket(ip("2001:db8:1:2:aaaa::1")), "2001:db8:1:2::/64");
        assert_eq!(bucket(ip("2001:db8:1:2:ffff:1:2:3")), "2001:db8:1:2::/64");
        assert_ne!(bucket(ip("2001:db8:1:3::1")), bucket(ip("2001:db8:1:2::1")));
        assert_eq!(bucket(ip("203.0.113.9")), "203.0.113.9");
        assert_eq!(bucket(ip("::ffff:203.0.113.9")), "203.0.113.9");
    }
}
