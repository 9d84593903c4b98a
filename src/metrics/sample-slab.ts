/**
 * Hands out the initial sample arrays of a store's series (their values, and the
 * timestamps of its timelines) as views into shared ArrayBuffers. A typed array of more
 * than a few dozen bytes gets its own off-heap buffer, which costs about a microsecond to
 * allocate and to collect; a trial creates ~1000 series, so one buffer per few dozen
 * arrays makes creating them several times cheaper. The views behave exactly as arrays of
 * their own (zero-filled, fixed length); a buffer lives as long as any of its views, i.e.
 * as long as the store's series.
 */

/** Bytes of one shared buffer. Arrays larger than a quarter of it get their own. */
const SLAB_BYTES = 64 * 1024;

export class SampleSlab {
  /** Elements (float64) in each array handed out. */
  readonly capacity: number;
  private buffer: ArrayBuffer | null = null;
  private offset = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  /** A zero-filled Float64Array of `capacity` elements. */
  take(): Float64Array {
    const bytes = this.capacity * Float64Array.BYTES_PER_ELEMENT;
    if (bytes * 4 > SLAB_BYTES) return new Float64Array(this.capacity);
    if (this.buffer === null || this.offset + bytes > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(SLAB_BYTES - (SLAB_BYTES % bytes));
      this.offset = 0;
    }
    const array = new Float64Array(this.buffer, this.offset, this.capacity);
    this.offset += bytes;
    return array;
  }
}
