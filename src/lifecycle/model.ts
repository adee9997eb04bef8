import type { Channel } from "../contacts/model.js";
import type { ArchiveReason, ContactAddress } from "./commands.js";

export interface ArchiveEntry {
  readonly reason: ArchiveReason;
  readonly at: string;
  readonly by: string;
}

export interface OptOut {
  readonly address: ContactAddress;
  readonly at: string;
  readonly channel: Channel;
}

export function optOutKey(address: ContactAddress): string {
  return `${address.kind}:${address.value}`;
}
