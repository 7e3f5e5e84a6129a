import { mountPublicPage } from '../publicPage/publicLoad';
import { MournerPage } from './MournerPage';
import '../publicPage/publicPage.css';

/** The public mourners' register page: plain React, no UI library, no session. */
mountPublicPage('/m/', (token) => <MournerPage token={token} />);
