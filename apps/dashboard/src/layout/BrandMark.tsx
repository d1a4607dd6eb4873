// The product mark: an icon in the accent colour.
import { Boxes } from 'lucide-react';

export function BrandMark() {
  return (
    <span className="flex size-8 items-center justify-center rounded-lg bg-indigo-600 text-white shadow-sm">
      <Boxes aria-hidden className="size-5" />
    </span>
  );
}
