# iotlabel discover (issue 13): the table of devices heard on the local network.
discover-heading = { $count ->
    [0] No device answered on { $interface } in { $seconds } s.
    [one] 1 device answered on { $interface } in { $seconds } s:
   *[other] { $count } devices answered on { $interface } in { $seconds } s:
}
discover-silent-note = Devices that do not answer these queries are not listed: an empty or short list does not prove that there is no other device.
discover-unnamed = (no name)
discover-unknown = unknown
discover-random-mac = random address: the maker cannot be told
discover-mac = MAC address
discover-ipv6 = IPv6
discover-vendor = Maker
discover-names = Names
discover-model = Model
discover-services = Services
discover-label = Label
discover-digest = Digest
discover-well-known = Checked
discover-well-known-same = the device's /.well-known/iot-label says the same
discover-well-known-differs = the device's /.well-known/iot-label says something else: be careful
discover-well-known-unreachable = could not be checked on the device itself
discover-no-label = none advertised
discover-probably = Probably
discover-probably-because = { $type } (from its { $clue ->
    [service] service { $because }
    [upnp] UPnP type { $because }
    [vendor] maker “{ $because }”
   *[name] name “{ $because }”
})
discover-no-label-no-guess = cannot tell from what it says
discover-sensors = Usual sensors
discover-sensors-none-listed = none recorded for this kind of device
