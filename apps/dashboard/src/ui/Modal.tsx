// A modal dialog on Radix: focus trapped, Escape closes, the rest of the page hidden from assistive tech.
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';

interface ModalProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Keep the dialog open on outside clicks, for content that must not be lost by accident. */
  isSticky?: boolean;
  testId?: string;
}

export function Modal({ open, onOpenChange, title, description, children, isSticky, testId }: ModalProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-zinc-900/40 backdrop-blur-[1px]" />
        <Dialog.Content
          data-testid={testId}
          onPointerDownOutside={isSticky ? (e) => e.preventDefault() : undefined}
          onInteractOutside={isSticky ? (e) => e.preventDefault() : undefined}
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl ring-1 ring-zinc-200 focus:outline-none"
        >
          <Dialog.Title className="text-base font-semibold text-zinc-900">{title}</Dialog.Title>
          {description ? (
            <Dialog.Description className="mt-1 text-sm text-zinc-600">{description}</Dialog.Description>
          ) : (
            <Dialog.Description className="sr-only">{title}</Dialog.Description>
          )}
          <div className="mt-5">{children}</div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function ModalActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-wrap justify-end gap-2">{children}</div>;
}
