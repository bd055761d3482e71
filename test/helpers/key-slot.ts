/**
 * The Redis Cluster hash slot of a key (CRC16/XMODEM of the hash tag, or of the whole key, mod 16384),
 * as the Redis Cluster specification defines it: lets unit tests check the key builder without a cluster.
 */
export function keySlot(key: string): number {
  const bytes = Buffer.from(key);
  const open = bytes.indexOf('{');
  let hashed = bytes;
  if (open !== -1) {
    const close = bytes.indexOf('}', open + 1);
    // `{}` (an empty tag) does not count: the whole key is hashed.
    if (close > open + 1) hashed = bytes.subarray(open + 1, close);
  }
  return crc16(hashed) % 16384;
}

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}
