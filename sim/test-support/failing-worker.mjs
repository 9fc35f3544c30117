// A worker that fails on its first step task, or on any whole replicate, to test that a crashing worker fails the
// run cleanly.
export default function runTask(task) {
  if (task.kind === 'step') throw new Error('synthetic worker failure');
}

export function runWhole() {
  throw new Error('synthetic worker failure');
}
