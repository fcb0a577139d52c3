/**
 * Import reads only regular files and folders inside DIR: a symbolic link could lead anywhere on the
 * machine (and a snapshot would then hold whatever it points at), so it is refused, and said so.
 */
export const symlinkProblem = (label: string) =>
  `${label}: is a symbolic link; import reads only regular files and folders inside the directory (copy the target here instead)`
