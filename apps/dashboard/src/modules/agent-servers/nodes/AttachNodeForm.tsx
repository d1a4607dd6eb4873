// Attach a node that already runs: the studio checks its /health and presence with the master token, then keeps the
// token in its vault. The token typed here goes to the studio and nowhere else.
import { attachAgentServerBodySchema } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert, ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/fields';
import { ModalActions } from '../../../ui/Modal';
import { useAttachAgentServer } from './nodesApi';

export function AttachNodeForm({ onCancel }: { onCancel(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const attach = useAttachAgentServer();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [masterToken, setMasterToken] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = attachAgentServerBodySchema.safeParse({ name: name.trim(), url: url.trim(), masterToken });
    if (!parsed.success) {
      setInvalid(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(' · '));
      return;
    }
    setInvalid(null);
    try {
      const node = await attach.mutateAsync(parsed.data);
      setMasterToken('');
      navigate(`/agent-servers/${node.id}`);
    } catch {
      // Shown below from the mutation's error.
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4" noValidate>
      <TextField label={t('common.name')} value={name} onChange={(e) => setName(e.target.value)} required />
      <TextField
        label={t('agentServers.url')}
        hint={t('agentServers.urlHint')}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        placeholder="http://10.0.0.5:4100"
        required
      />
      <TextField
        label={t('agentServers.masterToken')}
        hint={t('agentServers.masterTokenHint')}
        type="password"
        autoComplete="off"
        value={masterToken}
        onChange={(e) => setMasterToken(e.target.value)}
        required
      />
      {invalid ? <Alert>{invalid}</Alert> : null}
      <ErrorAlert error={attach.error} />
      <ModalActions>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={attach.isPending}>
          {attach.isPending ? t('agentServers.attaching') : t('agentServers.attach')}
        </Button>
      </ModalActions>
    </form>
  );
}
