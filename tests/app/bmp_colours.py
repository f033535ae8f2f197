"""Exit 0 when a BMP (24 or 32 bits, uncompressed or bitfields) has at least N distinct colours."""
import struct
import sys

path, wanted = sys.argv[1], int(sys.argv[2])
data = open(path, "rb").read()
if data[:2] != b"BM":
    sys.exit(f"{path}: not a BMP")
offset = struct.unpack_from("<I", data, 10)[0]
width, height = struct.unpack_from("<ii", data, 18)
bits = struct.unpack_from("<H", data, 28)[0]
if bits not in (24, 32):
    sys.exit(f"{path}: {bits} bits per pixel not handled")
step = bits // 8
row = (width * step + 3) & ~3
colours = set()
for y in range(0, abs(height), 4):
    line = data[offset + y * row: offset + y * row + width * step]
    for x in range(0, width * step, step * 4):
        colours.add(line[x:x + 3])
print(f"{path}: {width}x{abs(height)}, {bits} bpp, {len(colours)} distinct colours (sampled)")
sys.exit(0 if len(colours) >= wanted else 1)
