package nl.vindplaats.base;

/** A block of IP addresses (CIDR): the first {@code bits} bits of {@code prefix}, IPv4 (4 bytes) or IPv6 (16). */
public record AddressBlock(byte[] prefix, int bits) {
    public AddressBlock {
        if (prefix.length != 4 && prefix.length != 16 || bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("not an address block: " + prefix.length + " bytes, /" + bits);
        }
    }

    /** True when {@code address} (of the same family) lies in this block. */
    public boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
