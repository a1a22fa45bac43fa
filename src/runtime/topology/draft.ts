// A sub-topology under construction: sources and processors linked as they are added, closed
// into an immutable SubTopology once its id is known. Joins merge the drafts of their two sides.
import type { StoreSpec } from '../state/index.js';
import type { ProcessorDefinition } from './processor.js';
import type { SubTopology, TopologySource } from './topology.js';

export class SubTopologyDraft {
  private readonly sources: { source: Omit<TopologySource, 'children'>; children: string[] }[] = [];
  private readonly nodes: { definition: ProcessorDefinition; children: string[] }[] = [];
  private readonly stores: StoreSpec[] = [];
  /** The source or processor the next appended processor hangs under. */
  tail: string;

  constructor(source: Omit<TopologySource, 'children'>) {
    this.sources.push({ source, children: [] });
    this.tail = source.name;
  }

  /** Adds a processor under the tail (or under `parents`), and makes it the tail. */
  append(definition: ProcessorDefinition, parents: readonly string[] = [this.tail]): this {
    for (const parent of parents) this.childrenOf(parent).push(definition.name);
    this.nodes.push({ definition, children: [] });
    this.tail = definition.name;
    return this;
  }

  addStores(...stores: StoreSpec[]): this {
    this.stores.push(...stores);
    return this;
  }

  /** Takes in another draft's sources, processors and stores: they run in the same tasks. */
  absorb(other: SubTopologyDraft): void {
    this.sources.push(...other.sources);
    this.nodes.push(...other.nodes);
    this.stores.push(...other.stores);
  }

  close(id: number): SubTopology {
    return {
      id,
      sources: this.sources.map(({ source, children }) => ({ ...source, children: [...children] })),
      nodes: this.nodes.map(({ definition, children }) => ({ definition, children: [...children] })),
      stores: [...this.stores],
    };
  }

  private childrenOf(name: string): string[] {
    const found = this.sources.find((entry) => entry.source.name === name) ?? this.nodes.find((entry) => entry.definition.name === name);
    if (found === undefined) throw new Error(`Topology draft has no node '${name}'`);
    return found.children;
  }
}
