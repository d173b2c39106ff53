/** A tiny event registry, for the client's events and the script tag's. */
export interface Emitter<M> {
  emit<E extends keyof M>(event: E, detail: M[E]): void;
  /** Returns the unsubscribe function. */
  on<E extends keyof M>(event: E, handler: (detail: M[E]) => void): () => void;
}

export function createEmitter<M>(): Emitter<M> {
  const handlers: { [E in keyof M]?: Set<(detail: M[E]) => void> } = {};
  return {
    emit: (event, detail) =>
      handlers[event]?.forEach((handler) => {
        try {
          handler(detail);
        } catch {} // a host's handler must not break delivery
      }),
    on(event, handler) {
      const set = (handlers[event] ??= new Set());
      set.add(handler);
      return () => set.delete(handler);
    },
  };
}
