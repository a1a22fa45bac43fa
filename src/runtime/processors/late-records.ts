// Records a windowed aggregation dropped because their window had closed: counted per partition
// for DESCRIBE EXTENDED, as Kafka Streams' dropped-records metric counts them.
export class LateRecords {
  private readonly counts = new Map<number, number>();

  dropped(partition: number): void {
    this.counts.set(partition, (this.counts.get(partition) ?? 0) + 1);
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }
}
