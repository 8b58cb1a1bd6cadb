// Notifications that beat their subscribe reply, keyed by server subscription id, until the
// reply arrives and claims them.

const MAX_EARLY_SUB_IDS = 64;
const MAX_EARLY_PER_SUB = 1024;

export class EarlyNotifications {
  private readonly byId = new Map<string, Record<string, unknown>[]>();

  add(sid: string, params: Record<string, unknown>): void {
    let buf = this.byId.get(sid);
    if (!buf) {
      if (this.byId.size >= MAX_EARLY_SUB_IDS) this.byId.delete(this.byId.keys().next().value as string);
      buf = [];
      this.byId.set(sid, buf);
    }
    if (buf.length < MAX_EARLY_PER_SUB) buf.push(params);
  }

  /** The buffered notifications for `sid`, oldest first; they are forgotten here. */
  claim(sid: string): Record<string, unknown>[] {
    const buf = this.byId.get(sid);
    if (!buf) return [];
    this.byId.delete(sid);
    return buf;
  }

  clear(): void {
    this.byId.clear();
  }
}
