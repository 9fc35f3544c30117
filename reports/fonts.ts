import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface DejaVuFiles {
  regular: string;
  bold: string | null;
}

const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu', // Debian, Ubuntu: fonts-dejavu-core
  '/usr/share/fonts/TTF', // Arch
  '/usr/share/fonts/dejavu-sans-fonts', // Fedora
  '/usr/local/share/fonts',
  '/opt/homebrew/share/fonts',
];

/** Where DejaVu Sans is installed on this machine, or null. */
export function findDejaVu(): DejaVuFiles | null {
  for (const dir of FONT_DIRS) {
    const regular = join(dir, 'DejaVuSans.ttf');
    if (!existsSync(regular)) continue;
    const bold = join(dir, 'DejaVuSans-Bold.ttf');
    return { regular, bold: existsSync(bold) ? bold : null };
  }
  return null;
}
