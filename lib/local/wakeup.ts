/** A sleep that can be cut short: polling loops nap between polls and are woken by new work or by stop(). */
export class Wakeup {
  private wake: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.wake === done) self.wake = undefined;
        resolve();
      }
      this.wake = done;
    });
  }

  notify(): void {
    this.wake?.();
  }
}
