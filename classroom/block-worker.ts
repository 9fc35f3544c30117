import { handleBlockRequest, type BlockRequest } from './executors.js';

/** Entry of a browser block worker (bundled on its own and started from a Blob URL). */
const scope = self as unknown as { onmessage: ((e: MessageEvent<BlockRequest>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => scope.postMessage(handleBlockRequest(e.data));
