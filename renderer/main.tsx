// Renderer entry (browser only): mounts the inspection screen.
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/app-root';
import './styles/base.css';
import './styles/layout.css';
import './styles/viewer.css';
import './styles/panels.css';
import './styles/mrz-review.css';
import './styles/camera-scan.css';
import './styles/devices.css';
import './styles/findings.css';
import './styles/reference.css';
import './styles/verdict.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AppRoot />
    </StrictMode>,
  );
}
