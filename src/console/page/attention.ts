/**
 * How the console draws a busy volunteer's eye: the waiting count in the tab title and a short beep.
 * Browsers block audio until the page had a user gesture, so the AudioContext is made on the first one.
 */
export interface Attention {
  setWaitingCount(count: number): void;
  beep(times?: number): void;
  soundOn(): boolean;
  setSoundOn(on: boolean): void;
}

export function createAttention(baseTitle: string): Attention {
  let audio: AudioContext | null = null;
  let enabled = true;

  const unlock = (): void => {
    if (audio === null && typeof AudioContext === 'function') {
      try {
        audio = new AudioContext();
      } catch {
        audio = null;
      }
    }
    void audio?.resume().catch(() => undefined);
  };
  for (const type of ['pointerdown', 'keydown'] as const) document.addEventListener(type, unlock, { capture: true });

  function tone(ctx: AudioContext, start: number): void {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    // A soft attack and release: a calm "ping", no click.
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.2, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.18);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.2);
  }

  return {
    setWaitingCount(count) {
      document.title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
    },
    beep(times = 1) {
      if (!enabled || audio === null || audio.state !== 'running') return;
      for (let i = 0; i < times; i++) tone(audio, audio.currentTime + i * 0.3);
    },
    soundOn: () => enabled,
    setSoundOn(on) {
      enabled = on;
    },
  };
}
