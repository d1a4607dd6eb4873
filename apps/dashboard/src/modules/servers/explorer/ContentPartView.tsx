// One part of an MCP result or resource, shown for what it is: text, image, audio, file, embedded resource or link.
import { Download, FileText, Link2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CopyButton } from '../../../ui/CopyButton';
import { Badge } from '../../../ui/layoutParts';
import type { ContentPartView, ResourceView } from './contentParts';
import { formatBytes } from './format';
import { JsonBlock, toPrettyJson } from './JsonBlock';

function TextBlock({ text, mimeType }: { text: string; mimeType?: string | null }) {
  const { t } = useTranslation();
  // JSON text reads better indented; anything else is shown exactly as sent.
  let shown = text;
  if (mimeType?.includes('json')) {
    try {
      shown = toPrettyJson(JSON.parse(text));
    } catch {
      shown = text;
    }
  }
  return (
    <div className="group relative">
      <pre
        data-testid="content-text"
        className="max-h-[32rem] overflow-auto rounded-md bg-zinc-50 p-3 pr-20 font-mono text-xs break-words whitespace-pre-wrap text-zinc-800 ring-1 ring-zinc-200 ring-inset"
      >
        {shown}
      </pre>
      <div className="absolute top-1.5 right-1.5">
        <CopyButton value={text} variant="secondary" label={t('common.copy')} />
      </div>
    </div>
  );
}

function MediaMeta({ mimeType, size }: { mimeType: string; size: number }) {
  const { i18n } = useTranslation();
  return (
    <p className="text-xs text-zinc-500">
      {mimeType} · {formatBytes(size, i18n.resolvedLanguage ?? 'en')}
    </p>
  );
}

export function ResourceContent({ view }: { view: ResourceView }) {
  const { t, i18n } = useTranslation();
  const header = (
    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600">
      <FileText aria-hidden className="size-3.5" />
      <code className="font-mono break-all">{view.uri}</code>
      {view.mimeType ? <Badge>{view.mimeType}</Badge> : null}
    </div>
  );
  switch (view.kind) {
    case 'text':
      return (
        <div className="space-y-2" data-testid="resource-content" data-kind="text">
          {header}
          <TextBlock text={view.text} mimeType={view.mimeType} />
        </div>
      );
    case 'image':
      return (
        <div className="space-y-2" data-testid="resource-content" data-kind="image">
          {header}
          <img src={view.src} alt={view.uri} className="max-h-80 rounded-md ring-1 ring-zinc-200" />
          <MediaMeta mimeType={view.mimeType} size={view.size} />
        </div>
      );
    case 'audio':
      return (
        <div className="space-y-2" data-testid="resource-content" data-kind="audio">
          {header}
          {/* biome-ignore lint/a11y/useMediaCaption: a server's audio comes without captions to offer */}
          <audio controls src={view.src} className="w-full max-w-md" />
          <MediaMeta mimeType={view.mimeType} size={view.size} />
        </div>
      );
    case 'binary':
      return (
        <div className="space-y-2" data-testid="resource-content" data-kind="binary">
          {header}
          <div className="flex flex-wrap items-center gap-3 rounded-md bg-zinc-50 p-3 text-sm ring-1 ring-zinc-200 ring-inset">
            <span className="text-zinc-700">
              {t('serverExplorer.binary', { size: formatBytes(view.size, i18n.resolvedLanguage ?? 'en') })}
            </span>
            <a
              href={view.href}
              download={view.fileName}
              className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-700 hover:underline"
            >
              <Download aria-hidden className="size-4" />
              {t('serverExplorer.download')}
            </a>
          </div>
        </div>
      );
  }
}

export function ContentPart({ part }: { part: ContentPartView }) {
  const { t } = useTranslation();
  switch (part.kind) {
    case 'text':
      return <TextBlock text={part.text} />;
    case 'image':
      return (
        <figure className="space-y-1" data-testid="content-image">
          <img src={part.src} alt={t('serverExplorer.imageAlt')} className="max-h-80 rounded-md ring-1 ring-zinc-200" />
          <figcaption>
            <MediaMeta mimeType={part.mimeType} size={part.size} />
          </figcaption>
        </figure>
      );
    case 'audio':
      return (
        <div className="space-y-1" data-testid="content-audio">
          {/* biome-ignore lint/a11y/useMediaCaption: a server's audio comes without captions to offer */}
          <audio controls src={part.src} className="w-full max-w-md" />
          <MediaMeta mimeType={part.mimeType} size={part.size} />
        </div>
      );
    case 'resource':
      return (
        <div className="rounded-md border border-zinc-200 p-3">
          <p className="mb-2 text-xs font-medium tracking-wide text-zinc-500 uppercase">
            {t('serverExplorer.embeddedResource')}
          </p>
          <ResourceContent view={part.resource} />
        </div>
      );
    case 'resource_link':
      return (
        <div
          className="flex items-start gap-2 rounded-md border border-zinc-200 p-3 text-sm"
          data-testid="content-link"
        >
          <Link2 aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-500" />
          <div className="min-w-0 space-y-0.5">
            <p className="font-medium text-zinc-900">{part.name}</p>
            <code className="block font-mono text-xs break-all text-zinc-600">{part.uri}</code>
            {part.description ? <p className="text-xs text-zinc-500">{part.description}</p> : null}
            <Link
              to={`?tab=resources&uri=${encodeURIComponent(part.uri)}`}
              className="inline-block text-xs font-medium text-indigo-700 hover:underline"
            >
              {t('serverExplorer.openResource')}
            </Link>
          </div>
        </div>
      );
    case 'json':
      return <JsonBlock value={part.value} />;
  }
}
